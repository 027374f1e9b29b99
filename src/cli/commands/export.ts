import { InvalidArgumentError, Option, type Command } from 'commander';
import { usersToCsv } from '../../csv/users-to-csv.js';
import { compare, error, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { exportFiles } from '../../export/export-files.js';
import { exportStream } from '../../export/export-stream.js';
import { selectTenants } from '../../export/select-tenants.js';
import { ExportPathError, MANIFEST, writeExportDir } from '../../export/write-export-dir.js';
import { liveState, stateAtRevision } from '../../sources/state-at-revision.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { addStoreOption, addTenantOption } from '../options.js';
import type { Output } from '../output.js';
import { renderDiagnosticsText } from '../render/diagnostics.js';
import { refuseUnknownTenants } from '../unknown-tenants.js';
import { withExistingStore } from '../with-store.js';

interface ExportOptions {
  db: string;
  tenant: string[];
  revision?: number;
  out?: string;
  format: 'yaml' | 'csv';
}

export function registerExport(
  program: Command,
  output: Output,
  done: (code: ExitCode) => void,
): void {
  const command = program
    .command('export')
    .description(
      'write the stored state (or the state as of a revision) as YAML that plans to no changes',
    )
    .addOption(
      new Option(
        '--revision <id>',
        'the state as of this global revision id (see ccac history)',
      ).argParser(parseRevision),
    )
    .option(
      '--out <dir>',
      `write the canonical layout into DIR: organizations.yaml, one folder per tenant, one file per kind, flow definitions in <tenant>/flows/. Replaces only the files a previous export listed in DIR/${MANIFEST}; other files stay. Without --out, prints one YAML stream, which cannot hold flow definition files: a state with any needs --out`,
    )
    .addOption(
      new Option(
        '--format <format>',
        'yaml, or csv: one tenant’s users as Control Hub’s bulk user CSV (e-mail, display name, the two contact-center licence columns), printed for upload in Control Hub',
      )
        .choices(['yaml', 'csv'])
        .default('yaml'),
    )
    .addHelpText(
      'after',
      '\nExamples:\n  ccac export --out config/\n  ccac export --format csv --tenant acme > users.csv\n  ccac export --revision 12 --tenant acme --out /tmp/acme-at-12\n  ccac export > state.yaml',
    );
  addStoreOption(command);
  addTenantOption(command);
  command.action(async (options: ExportOptions) => {
    const fail = (diagnostic: Diagnostic): ExitCode => {
      output.err(renderDiagnosticsText([diagnostic], output.color));
      return EXIT.error;
    };
    const csvProblem = options.format === 'csv' ? csvUsage(options) : undefined;
    if (csvProblem !== undefined) return done(fail(error('USAGE', csvProblem)));
    const code = await withExistingStore(options.db, output, async (store) => {
      let model;
      if (options.revision === undefined) model = await liveState(store);
      else {
        const at = await stateAtRevision(store, options.revision);
        if ('diagnostic' in at) return fail(at.diagnostic);
        model = at.model;
      }
      const stored = model.tenants().map((t) => t.name);
      const refused = await refuseUnknownTenants(
        output,
        options.tenant,
        () => stored,
        `stored${asOf(options)}`,
      );
      if (refused !== undefined) return refused;
      const selected = selectTenants(model, options.tenant);
      if (options.format === 'csv') {
        const users = selected.list('User', options.tenant[0]!);
        const rows = users.map((u) => [u.name, u.spec] as const);
        output.out(usersToCsv(rows.sort(([a], [b]) => compare(a, b))));
        return EXIT.ok;
      }
      const layout = exportFiles(selected);
      if ('refused' in layout) return fail(layout.refused);
      const { files } = layout;
      if (options.out === undefined) {
        const stream = exportStream(files);
        if ('assets' in stream)
          return fail(
            error(
              'USAGE',
              `the state holds flow definitions (${stream.assets.length} file(s)), which a single YAML stream cannot carry; write the export to a directory with --out DIR`,
            ),
          );
        output.out(stream.text);
        return EXIT.ok;
      }
      let report;
      try {
        report = await writeExportDir(options.out, files);
      } catch (cause) {
        if (!(cause instanceof ExportPathError)) throw cause;
        return fail(error('FILE', `nothing exported: ${cause.message}`));
      }
      output.err(
        `Exported ${report.written.length} file(s) to ${options.out}${asOf(options)}` +
          (report.removed.length > 0
            ? `; removed ${report.removed.length} left from the previous export: ${report.removed.join(', ')}`
            : '') +
          '\n',
      );
      if (report.others.length > 0)
        output.err(
          `Note: ${options.out} also holds YAML files this export did not write, which \`ccac plan ${options.out}\` reads too: ${report.others.join(', ')}\n`,
        );
      return EXIT.ok;
    });
    done(code);
  });
}

/** The CSV is one tenant's users and is printed: Control Hub's CSV has no tenant column. */
function csvUsage(options: ExportOptions): string | undefined {
  if (options.tenant.length !== 1)
    return '--format csv writes one tenant’s users: name it with --tenant NAME (once)';
  if (options.out !== undefined)
    return '--format csv prints the CSV; redirect it to a file (> users.csv) rather than --out';
  return undefined;
}

function asOf(options: ExportOptions): string {
  return options.revision === undefined ? '' : ` as of revision ${options.revision}`;
}

function parseRevision(value: string): number {
  if (!/^(0|[1-9][0-9]{0,14})$/.test(value))
    throw new InvalidArgumentError(`expected a revision id (0, 1, 2, …), got "${value}"`);
  return Number(value);
}
