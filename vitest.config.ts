import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'training/**/*.test.ts'],
    environment: 'node',
    // TensorFlow.js tests train small networks; the CPU backend needs a little more than the default 5 s
    // on a busy 2-core machine.
    testTimeout: 30_000,
    setupFiles: ['./vitest.setup.ts'],
  },
});
