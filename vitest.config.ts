import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // electron-store requires 'electron' from node_modules, where vi.mock cannot reach unless it is inlined.
    server: { deps: { inline: ['electron-store'] } },
  },
});
