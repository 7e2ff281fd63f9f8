import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    // Generous limits: tests wait on signals, and a slow CI machine is slower, not red.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Integration tests start servers and databases; two cores do not gain from more workers.
    maxWorkers: 2,
  },
});
