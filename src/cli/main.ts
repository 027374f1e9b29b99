#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { declareCommands } from './command-line.js';
import { limitInlining } from './inlining-budget.js';
import { EXIT, type ExitCode, processOutput } from './output.js';

limitInlining();

const output = processOutput();

// Exit through process.exit so exit hooks run (the embedded database's lock file is removed);
// an open transaction is rolled back by the database when the connection goes.
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));
const program = new Command('ccac')
  .description(
    'contact center as code: validate, plan and apply Webex Contact Center configuration',
  )
  .version('0.1.0')
  .showHelpAfterError()
  .exitOverride();

const done = (code: ExitCode) => {
  process.exitCode = code;
};

// Declared here, loaded when run: `ccac plan` loads plan's modules, not push's or import's.
declareCommands(program, output, done);

try {
  await program.parseAsync(process.argv);
} catch (cause) {
  if (cause instanceof CommanderError) {
    process.exitCode = cause.exitCode === 0 ? EXIT.ok : EXIT.error;
  } else {
    // A bug, not bad input: say so plainly; the stack only on request.
    output.err(`ccac: internal error: ${(cause as Error).message ?? String(cause)}\n`);
    if (process.env.CCAC_DEBUG) output.err(`${(cause as Error).stack}\n`);
    process.exitCode = EXIT.error;
  }
}
