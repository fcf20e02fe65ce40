import { defineConfig } from 'vitest/config';
import { bundledScenarios } from './src/app/lab/scenarios-plugin.ts';

export default defineConfig({
  plugins: [bundledScenarios()],
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'bench/**/*.test.ts'],
    environment: 'node',
    reporters: process.env.VITEST_JSON
      ? ['default', ['json', { outputFile: process.env.VITEST_JSON }]]
      : ['default'],
  },
});
