import type { Command } from 'commander';
import { error } from '../../diagnostics/diagnostic.js';
import { scopeNamed } from '../../model/address.js';
import { readReportData } from '../../operations/read-report-data.js';
import { renderReport } from '../../report/render-report.js';
import { ReportFile } from '../../report/report-file.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { addStoreOption } from '../options.js';
import type { Output } from '../output.js';
import { refuseUnstoredTenants } from '../unknown-tenants.js';
import { renderDiagnosticsText } from '../render/diagnostics.js';
import { withExistingStore } from '../with-store.js';

interface ReportOptions {
  db: string;
  out?: string;
  tenant: string[];
}

export function registerReport(
  program: Command,
  output: Output,
  done: (code: ExitCode) => void,
): void {
  const command = program
    .command('report')
    .description(
      'a self-contained HTML audit report: revisions and their changes, hash chains, routing picture',
    )
    .option('--out <file>', 'where to write the HTML page (default: standard output)')
    .option(
      '--tenant <name>',
      'only this tenant, or `organizations` (repeatable)',
      (value: string, previous: string[]) => [...previous, scopeNamed(value)],
      [] as string[],
    );
  addStoreOption(command);
  command.action(async (options: ReportOptions) => {
    const file = options.out === undefined ? undefined : await ReportFile.open(options.out);
    if (file && !(file instanceof ReportFile)) {
      output.err(renderDiagnosticsText([error('FILE', file.problem)], output.color));
      return done(EXIT.error);
    }
    try {
      const code = await withExistingStore(options.db, output, async (store) => {
        const refused = await refuseUnstoredTenants(output, options.tenant, store);
        if (refused !== undefined) return refused;
        const { data, revisions } = await readReportData(
          store,
          options.tenant,
          new Date().toISOString(),
        );
        for await (const piece of renderReport(data, revisions))
          if (file) await file.write(piece);
          else output.out(piece);
        await file?.commit();
        const broken = data.chains.filter((chain) => chain.problem !== null).length;
        output.err(
          `Wrote ${file ? file.file : 'the report'}: ${data.revisions.length} revisions` +
            (broken > 0 ? `; ${broken} broken hash ${broken === 1 ? 'chain' : 'chains'}\n` : '\n'),
        );
        return EXIT.ok;
      });
      done(code);
    } finally {
      await file?.discard();
    }
  });
}
