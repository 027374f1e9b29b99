import { error, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { asOfRevision, exportState } from '../../operations/export.js';
import { EXIT, type ExitCode, type Output } from '../output.js';
import { renderDiagnosticsText } from '../render/diagnostics.js';
import { withExistingStore } from '../with-store.js';

export interface ExportOptions {
  db: string;
  tenant: string[];
  revision?: number;
  out?: string;
  format: 'yaml' | 'csv';
}

/** `ccac export`: the CSV's usage checked → exportState → printed, or what was written said. */
export async function runExport(output: Output, options: ExportOptions): Promise<ExitCode> {
  const fail = (diagnostics: readonly Diagnostic[]): ExitCode => {
    output.err(renderDiagnosticsText(diagnostics, output.color));
    return EXIT.error;
  };
  const csvProblem = options.format === 'csv' ? csvUsage(options) : undefined;
  if (csvProblem !== undefined) return fail([error('USAGE', csvProblem)]);
  return withExistingStore(options.db, output, async (store) => {
    const exported = await exportState(store, {
      tenants: options.tenant,
      revision: options.revision,
      format: options.format,
      out: options.out,
    });
    if ('refused' in exported) return fail(exported.refused);
    if ('csv' in exported) output.out(exported.csv);
    else if ('stream' in exported) output.out(exported.stream);
    else {
      const report = exported.written;
      const asOf = asOfRevision(options.revision);
      output.err(
        `Exported ${report.written.length} file(s) to ${options.out}${asOf}` +
          (report.removed.length > 0
            ? `; removed ${report.removed.length} left from the previous export: ${report.removed.join(', ')}`
            : '') +
          '\n',
      );
      if (report.others.length > 0)
        output.err(
          `Note: ${options.out} also holds YAML files this export did not write, which \`ccac plan ${options.out}\` reads too: ${report.others.join(', ')}\n`,
        );
    }
    return EXIT.ok;
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
