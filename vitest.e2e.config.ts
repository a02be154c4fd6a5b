import { defineConfig } from 'vitest/config';

// End-to-end tests: real Chromium (playwright-core) against the production build served by vite preview.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    environment: 'node'
  }
});
