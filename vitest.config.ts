import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Every test file runs inside workerd with the wrangler.toml bindings; D1 storage is isolated
// per test file and the migrations are applied by test/setup.ts. LEGACY_DB is a second, empty D1
// for the tests that build a database with earlier migrations only and then move its data.
export default defineConfig(async () => {
  const migrations = await readD1Migrations(fileURLToPath(new URL('./migrations', import.meta.url)));
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: './wrangler.toml' },
        miniflare: { bindings: { TEST_MIGRATIONS: migrations }, d1Databases: ['LEGACY_DB'] },
      }),
    ],
    test: {
      include: ['test/**/*.test.{ts,tsx}'],
      exclude: ['test/e2e/**'],
      setupFiles: ['./test/setup.ts'],
      // Files and the tests in them run in a random order, so that no test can lean on what another left
      // behind in the file's D1 (a failing order can be replayed with --sequence.seed=<the printed seed>).
      sequence: { shuffle: true },
      // Seeding the demo and the long request sequences take seconds on a loaded machine: the limits
      // are there to catch a hang, not to time anything (speed is measured by the bench scripts).
      testTimeout: 60_000,
      hookTimeout: 120_000,
    },
  };
});
