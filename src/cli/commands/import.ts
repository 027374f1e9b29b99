import { anchorText } from '../../audit/anchors.js';
import { error, hasErrors, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { adoptImport, tenantStored } from '../../operations/adopt-import.js';
import { importCsv } from '../../operations/import-csv.js';
import { importWebex, type ImportWebexOutcome } from '../../operations/import-webex.js';
import { listingProgress } from '../import-progress.js';
import { EXIT, type ExitCode, type Output } from '../output.js';
import { renderDiagnosticsText } from '../render/diagnostics.js';
import { withStore } from '../with-store.js';

export interface ImportWebexOptions {
  tenant: string;
  org: string;
  region: string;
  out?: string;
  keepFrom?: string;
  adopt?: boolean;
  actor?: string;
  db: string;
  lockTimeout: string;
}

export interface ImportCsvOptions {
  tenant: string;
  out?: string;
}

/** `ccac import webex`: the import (and with --adopt, its files recorded) → what it wrote said. */
export async function runImportWebex(
  output: Output,
  options: ImportWebexOptions,
): Promise<ExitCode> {
  return options.adopt
    ? runAdoptingImport(options, output)
    : reportImport(await importWithProgress(options), output);
}

async function importWithProgress(options: ImportWebexOptions): Promise<ImportWebexOutcome> {
  const progress = listingProgress();
  return importWebex({
    tenant: options.tenant,
    orgId: options.org,
    region: options.region,
    ...(options.out === undefined ? {} : { out: options.out }),
    ...(options.keepFrom === undefined ? {} : { keepFrom: options.keepFrom }),
    env: process.env,
    onListed: progress.listed,
  }).finally(progress.stop);
}

/** What the import wrote or prints, and the calls it made; exit 1 on its diagnostics. */
function reportImport(outcome: ImportWebexOutcome, output: Output): ExitCode {
  if ('diagnostics' in outcome) {
    output.err(renderDiagnosticsText(outcome.diagnostics, output.color));
    return EXIT.error;
  }
  if ('text' in outcome.written) {
    output.out(outcome.written.text);
    output.err(outcome.written.report);
  }
  const calls = Object.values(outcome.calls).reduce((sum, n) => sum + n, 0);
  output.err(`${outcome.summary}${calls} call(s) to Webex.\n`);
  return EXIT.ok;
}

/**
 * `--adopt`: refused before Webex is read when the arguments or the store forbid it; then the
 * import, and its files recorded as the tenant's first revision (adoptImport).
 */
async function runAdoptingImport(options: ImportWebexOptions, output: Output): Promise<ExitCode> {
  const refuse = (diagnostic: Diagnostic): ExitCode => {
    output.err(renderDiagnosticsText([diagnostic], output.color));
    output.err('Nothing imported, nothing stored.\n');
    return EXIT.error;
  };
  if (!options.actor)
    return refuse(
      error('AUTHZ_NO_ACTOR', 'import --adopt needs an actor: --actor EMAIL or CCAC_ACTOR'),
    );
  if (options.out === undefined)
    return refuse(error('USAGE', 'import --adopt records the files it writes: give --out DIR'));
  const lockTimeoutMs = Number(options.lockTimeout) * 1000;
  if (!Number.isFinite(lockTimeoutMs) || lockTimeoutMs < 0)
    return refuse(error('USAGE', `--lock-timeout takes seconds, not "${options.lockTimeout}"`));
  const actor = options.actor;
  return withStore(options.db, output, options, async (store) => {
    const stored = await tenantStored(store, options.tenant);
    if (stored) return refuse(stored);
    const outcome = await importWithProgress(options);
    const imported = reportImport(outcome, output);
    if ('diagnostics' in outcome) return imported;
    const adopted = await adoptImport(store, {
      tenant: options.tenant,
      actor,
      checked: outcome.checked,
      refs: outcome.state.refs,
      lockTimeoutMs,
    });
    if ('diagnostics' in adopted) {
      output.err(renderDiagnosticsText(adopted.diagnostics, output.color));
      output.err(`Nothing stored; the imported files are in ${options.out}.\n`);
      return EXIT.error;
    }
    const { revision } = adopted;
    output.err(
      `Adopted ${options.tenant}: revision ${revision.scope}@${revision.revision} recorded (${revision.counts.create} resource(s), actor ${revision.actor}, ${revision.actorRole}) with ${adopted.refs} resource(s)' Webex ids.\n` +
        `Anchor (keep it; \`ccac history verify --expect ANCHOR\` checks the history still holds it):\n  ${anchorText(revision)}\n`,
    );
    return EXIT.ok;
  });
}

/** `ccac import csv FILE`: importCsv → the users printed, or where they were written. */
export async function runImportCsv(
  output: Output,
  file: string,
  options: ImportCsvOptions,
): Promise<ExitCode> {
  const outcome = await importCsv({
    file,
    tenant: options.tenant,
    ...(options.out === undefined ? {} : { out: options.out }),
  });
  if ('diagnostics' in outcome) {
    output.err(renderDiagnosticsText(outcome.diagnostics, output.color));
    if (hasErrors(outcome.diagnostics)) output.err('Nothing written.\n');
    return EXIT.error;
  }
  if ('text' in outcome) output.out(outcome.text);
  else
    output.err(
      `Wrote ${outcome.users} user(s) of ${options.tenant} to ${outcome.written} (${outcome.fromCsv} from the CSV)\n`,
    );
  return EXIT.ok;
}
