import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['app/**/*.test.ts', 'main/**/*.test.ts', 'renderer/src/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 120_000,
  },
});
