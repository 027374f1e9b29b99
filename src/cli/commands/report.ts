import { error } from '../../diagnostics/diagnostic.js';
import { report } from '../../operations/report.js';
import { renderReport } from '../../report/render-report.js';
import { ReportFile } from '../../report/report-file.js';
import { EXIT, type ExitCode, type Output } from '../output.js';
import { renderDiagnosticsText } from '../render/diagnostics.js';
import { withExistingStore } from '../with-store.js';

export interface ReportOptions {
  db: string;
  out?: string;
  tenant: string[];
}

/** `ccac report`: the file opened → report → the page rendered into it (or to standard output). */
export async function runReport(output: Output, options: ReportOptions): Promise<ExitCode> {
  const file = options.out === undefined ? undefined : await ReportFile.open(options.out);
  if (file && !(file instanceof ReportFile)) {
    output.err(renderDiagnosticsText([error('FILE', file.problem)], output.color));
    return EXIT.error;
  }
  try {
    return await withExistingStore(options.db, output, async (store) => {
      const generatedAt = new Date().toISOString();
      const reads = await report(store, { tenants: options.tenant, generatedAt });
      if ('refused' in reads) {
        output.err(renderDiagnosticsText(reads.refused, output.color));
        return EXIT.error;
      }
      const { data, revisions } = reads;
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
  } finally {
    await file?.discard();
  }
}
