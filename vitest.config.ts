import { defineConfig } from 'vitest/config';
import { HeavyFirstSequencer } from './test/helpers/heavy-first-sequencer.js';
import { NODE_FLAGS } from './test/helpers/run-cli.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One PGlite template, and the stores tests share as a starting point, per run (run-shared.ts).
    globalSetup: ['test/helpers/global-setup.ts'],
    sequence: { sequencer: HeavyFirstSequencer },
    // A CLI scenario on PGlite starts a dozen processes; on two busy cores that can pass a minute.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The workers open PGlite too (store tests, dumps): with the CLI's flags (run-cli.ts).
    execArgv: NODE_FLAGS,
    // Most tests wait on child processes and databases, so a third worker keeps both cores busy.
    maxWorkers: 3,
  },
});
