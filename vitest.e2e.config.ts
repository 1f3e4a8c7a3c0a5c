import { defineConfig } from 'vitest/config';

// Browser tests: Debian's Chromium driven by playwright-core against the app served by
// `npm start` on its own port and its own local database (see test/e2e/global-setup.ts).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['./test/e2e/global-setup.ts'],
    // Limits that catch a hang; a loaded machine answers slower, and speed is measured by the benches.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    expect: { poll: { timeout: 20_000 } },
    fileParallelism: false,
  },
});
