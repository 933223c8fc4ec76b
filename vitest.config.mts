import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // nodejieba loads ~300 MB of dictionaries per process: keep the worker count small.
    pool: 'forks',
    maxWorkers: 2,
    // The folder report's stylesheet is imported as text (`page.css?raw`, as scripts/build.mjs bundles it): not emptied.
    css: { include: [/server\/src\/report\/page\.css/] },
  },
});
