import { defineConfig } from 'vitest/config';

const shared = {
  // Each file gets its own database and Redis prefix, so files run in parallel safely.
  testTimeout: 20_000,
  hookTimeout: 60_000,
  expect: { requireAssertions: true },
};

export default defineConfig({
  test: {
    reporters: ['default', './test-support/summary-reporter.ts'],
    projects: [
      {
        test: {
          ...shared,
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['{server,db,jobs}/**/*.test.ts', 'desk-ui/src/**/*.test.ts', 'display-board/src/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
        },
      },
      {
        test: {
          ...shared,
          name: 'integration',
          sequence: { groupOrder: 1 },
          include: ['{server,db,jobs,scripts}/**/*.int.test.ts'],
          globalSetup: ['test-support/global-setup.ts'],
          pool: 'forks',
          maxWorkers: 2,
        },
      },
      {
        test: {
          ...shared,
          name: 'browser',
          sequence: { groupOrder: 2 },
          include: ['e2e/**/*.e2e.test.ts'],
          globalSetup: ['test-support/global-setup.ts', 'test-support/ui-setup.ts'],
          pool: 'forks',
          maxWorkers: 1,
          testTimeout: 60_000,
        },
      },
    ],
  },
});
