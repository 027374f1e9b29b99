import type { Command } from 'commander';
import { hasErrors } from '../../diagnostics/diagnostic.js';
import { importCsv } from '../../operations/import-csv.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { Output } from '../output.js';
import { renderDiagnosticsText } from '../render/diagnostics.js';

interface ImportCsvOptions {
  tenant: string;
  out?: string;
}

/** `ccac import csv|webex`: an existing contact center's configuration as ccac YAML. */
export function registerImport(
  program: Command,
  output: Output,
  done: (code: ExitCode) => void,
): void {
  const group = program
    .command('import')
    .description(
      'write an existing contact center as ccac YAML: from Control Hub’s user CSV or from Webex',
    );
  registerImportCsv(group, output, done);
}

function registerImportCsv(group: Command, output: Output, done: (code: ExitCode) => void): void {
  group
    .command('csv')
    .description(
      'turn Control Hub’s bulk user CSV into User documents: e-mail, display name and the "Webex Contact Center" / "Webex Contact Center Premium" licence columns (True/False; empty keeps what the YAML says)',
    )
    .argument('<file>', 'the CSV exported from Control Hub (Users → Manage users by CSV)')
    .requiredOption('--tenant <name>', 'the tenant the users belong to')
    .option(
      '--out <dir>',
      'the configuration folder: DIR/<tenant>/users.yaml is rewritten with every user of the tenant, keeping their roles, teams and desktop profile; without it the User documents are printed',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  ccac import csv exported_users.csv --tenant acme --out config/\n  ccac export --format csv --tenant acme > users.csv',
    )
    .action(async (file: string, options: ImportCsvOptions) => {
      const outcome = await importCsv({
        file,
        tenant: options.tenant,
        ...(options.out === undefined ? {} : { out: options.out }),
      });
      if ('diagnostics' in outcome) {
        output.err(renderDiagnosticsText(outcome.diagnostics, output.color));
        if (hasErrors(outcome.diagnostics)) output.err('Nothing written.\n');
        return done(EXIT.error);
      }
      if ('text' in outcome) output.out(outcome.text);
      else
        output.err(
          `Wrote ${outcome.users} user(s) of ${options.tenant} to ${outcome.written} (${outcome.fromCsv} from the CSV)\n`,
        );
      done(EXIT.ok);
    });
}
