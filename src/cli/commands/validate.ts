import type { Command } from 'commander';
import { hasErrors } from '../../diagnostics/diagnostic.js';
import { exitCodeFor, type ExitCode } from '../exit-codes.js';
import { validate } from '../../operations/validate.js';
import type { Output } from '../output.js';
import {
  diagnosticsJson,
  diagnosticsSummary,
  renderDiagnosticsText,
} from '../render/diagnostics.js';
import { formatOption, type Format } from '../options.js';

export function registerValidate(
  program: Command,
  output: Output,
  done: (code: ExitCode) => void,
): void {
  program
    .command('validate')
    .description('check files against the schema and the rules that need no stored state')
    .argument('<paths...>', 'YAML files or directories')
    .addOption(formatOption(['text', 'json']))
    .action(async (paths: string[], options: { format: Format }) => {
      const { diagnostics, resources } = await validate(paths);
      if (options.format === 'json') {
        output.out(`${JSON.stringify({ diagnostics: diagnosticsJson(diagnostics) }, null, 2)}\n`);
      } else {
        output.out(renderDiagnosticsText(diagnostics, output.color));
        output.out(
          `${resources} resources checked: ${diagnosticsSummary(diagnostics, output.color)}\n`,
        );
      }
      done(exitCodeFor({ errors: hasErrors(diagnostics) }));
    });
}
