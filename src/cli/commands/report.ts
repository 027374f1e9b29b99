import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { readReportData } from '../../report/read-report-data.js';
import { renderReport } from '../../report/render-report.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { addStoreOption } from '../options.js';
import type { Output } from '../output.js';
import { withStore } from '../with-store.js';

interface ReportOptions {
  db: string;
  out: string;
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
    .requiredOption('--out <file>', 'where to write the HTML page')
    .option(
      '--tenant <name>',
      'only this tenant (repeatable)',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    );
  addStoreOption(command);
  command.action(async (options: ReportOptions) => {
    const code = await withStore(options.db, output, {}, async (store) => {
      const data = await readReportData(store, options.tenant, new Date().toISOString());
      await writeFile(options.out, renderReport(data));
      const broken = data.chains.filter((chain) => chain.problem !== null).length;
      output.err(
        `Wrote ${options.out}: ${data.revisions.length} revisions` +
          (broken > 0 ? `; ${broken} broken hash ${broken === 1 ? 'chain' : 'chains'}\n` : '\n'),
      );
      return EXIT.ok;
    });
    done(code);
  });
}
