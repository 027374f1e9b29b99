import type { Command } from 'commander';
import { bundledSchema } from '../../config/bundle-schema.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { Output } from '../output.js';

export function registerSchema(
  program: Command,
  output: Output,
  done: (code: ExitCode) => void,
): void {
  program
    .command('schema')
    .description('print one JSON Schema of the file format, for editors (yaml-language-server)')
    .action(() => {
      output.out(`${JSON.stringify(bundledSchema(), null, 2)}\n`);
      done(EXIT.ok);
    });
}
