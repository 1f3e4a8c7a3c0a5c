/** The Worker's bindings, as declared in wrangler.toml. */
export interface Bindings {
  DB: D1Database;
  ASSETS?: Fetcher;
  /** Re-scoring and simulation chunks (services/job-queue.ts). */
  RESCORE_QUEUE: Queue<import('./services/job-queue.ts').QueueMessage>;
  SESSION_IDLE_MINUTES?: string;
  SESSION_MAX_MINUTES?: string;
}

declare global {
  namespace Cloudflare {
    interface Env extends Bindings {
      /** Only in tests: the migrations read by vitest.config.ts. */
      TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
      /** Only in tests: an empty D1 that a test migrates only so far (see vitest.config.ts). */
      LEGACY_DB: D1Database;
    }
    interface GlobalProps {
      mainModule: typeof import('./index.ts');
    }
  }
}
