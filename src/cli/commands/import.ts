import type { Command } from 'commander';
import { hasErrors } from '../../diagnostics/diagnostic.js';
import { importCsv } from '../../operations/import-csv.js';
import { importWebex } from '../../operations/import-webex.js';
import { listingProgress } from '../import-progress.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { Output } from '../output.js';
import { renderDiagnosticsText } from '../render/diagnostics.js';

interface ImportWebexOptions {
  tenant: string;
  org: string;
  region: string;
  out?: string;
  keepFrom?: string;
}

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
  registerImportWebex(group, output, done);
  registerImportCsv(group, output, done);
}

function registerImportWebex(group: Command, output: Output, done: (code: ExitCode) => void): void {
  group
    .command('webex')
    .description(
      'read a live Webex Contact Center organization (token from CCAC_WEBEX_TOKEN_<TENANT> or CCAC_WEBEX_TOKEN) and write it as ccac YAML in export’s layout, with a Tenant carrying spec.webex and an import report of what ccac does not hold; nothing is stored',
    )
    .requiredOption('--tenant <name>', 'the ccac tenant name to give the organization')
    .requiredOption('--org <orgid>', 'the organization id (a UUID)')
    .requiredOption('--region <region>', 'its data centre: us1, eu1, eu2, anz1, ca1, jp1, sg1, in1')
    .option(
      '--out <dir>',
      `write DIR/<tenant>/ (one file per kind, flows/, import-report.md), replacing only what a previous export or import listed; without it one YAML stream is printed (refused when the org has flows)`,
    )
    .option(
      '--keep-from <path>',
      'a configuration whose Tenant document gives what Webex does not hold (country, subscription, platform, telephony, time zone); default: the --out folder. Without one they are guessed and the report says so',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  ccac import webex --tenant acme --org 0d9c…-… --region eu1 --out config/\n  # what changed in Control Hub since the YAML in git:\n  ccac import webex --tenant acme --org 0d9c…-… --region eu1 --keep-from config/ --out /tmp/acme-now\n  ccac diff config/acme /tmp/acme-now/acme',
    )
    .action(async (options: ImportWebexOptions) => {
      const progress = listingProgress();
      const outcome = await importWebex({
        tenant: options.tenant,
        orgId: options.org,
        region: options.region,
        ...(options.out === undefined ? {} : { out: options.out }),
        ...(options.keepFrom === undefined ? {} : { keepFrom: options.keepFrom }),
        env: process.env,
        onListed: progress.listed,
      }).finally(progress.stop);
      if ('diagnostics' in outcome) {
        output.err(renderDiagnosticsText(outcome.diagnostics, output.color));
        return done(EXIT.error);
      }
      if ('text' in outcome.written) {
        output.out(outcome.written.text);
        output.err(outcome.written.report);
      }
      const calls = Object.values(outcome.calls).reduce((sum, n) => sum + n, 0);
      output.err(`${outcome.summary}${calls} call(s) to Webex.\n`);
      done(EXIT.ok);
    });
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
