import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

// `npm run fuzz`: the generated-input suite alone, with 20,000 inputs instead of the 2,000 that
// `npm test` runs (test/routes/fuzz.test.ts reads the number through `inject`).
export default defineConfig(async (env) => {
  const config = await (typeof base === 'function' ? base(env) : base);
  return {
    ...config,
    test: { ...config.test, include: ['test/routes/fuzz.test.ts'], provide: { fuzzRuns: Number(process.env.FUZZ_RUNS ?? 20_000) } },
  };
});

declare module 'vitest' {
  export interface ProvidedContext {
    fuzzRuns: number;
  }
}
