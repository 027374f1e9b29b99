import { realpath, stat } from 'node:fs/promises';
import { error, hasErrors, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Plan } from '../../model/plan.js';
import type { RevisionRecord } from '../../model/revision.js';
import { readRegularFile } from '../../support/read-regular-file.js';
import {
  applyConfiguration,
  applySavedPlan,
  openPlanToApply,
  readConfiguration,
  type ApplyHooks,
  type ApplyOutcome,
  type ApplyRequest,
} from '../../operations/apply.js';
import { inTurns } from '../../support/in-turns.js';
import { startedEarly } from '../../support/started-early.js';
import { appendAnchors } from '../anchor-file.js';
import { parseDuration } from '../duration.js';
import {
  type ChunkedWriter,
  chunkedWriter,
  EXIT,
  type ExitCode,
  exitCodeFor,
  type Output,
} from '../output.js';
import type { Format } from '../options.js';
import { planKey } from '../plan-key.js';
import { progressBar } from '../progress.js';
import { holdApplyJson, type HeldOutput } from '../render/apply-json.js';
import { applySummary } from '../render/apply-summary.js';
import { renderDiagnosticsText } from '../render/diagnostics.js';
import { planTextPieces, renderPlan } from '../render/render-plan.js';
import { withStore } from '../with-store.js';
import { pushAfterApply, tenantsChanged } from './apply-push.js';

/** Room for a plan of every resource of a large partner, below what one JavaScript string holds. */
const MAX_PLAN_BYTES = 256 * 1024 * 1024;

export interface ApplyOptions {
  db: string;
  actor?: string;
  tenant: string[];
  format: Format;
  autoApprove?: boolean;
  destroy?: boolean;
  lockTimeout: string;
  acceptDrift?: boolean;
  anchors?: string;
  push?: boolean;
  detailedExitcode?: boolean;
}

/**
 * `ccac apply PATH…|PLANFILE`: apply (held as JSON with --format json), then --push; 2 with
 * --detailed-exitcode when revisions were recorded.
 */
export async function runApply(
  output: Output,
  paths: string[],
  options: ApplyOptions,
): Promise<ExitCode> {
  const changed = new Set<string>();
  let recorded: readonly RevisionRecord[] = [];
  const json =
    options.format === 'json' ? holdApplyJson(output, options.push ? 'err' : 'out') : undefined;
  const applied = await applyShown(paths, options, json ?? output, changed, (revisions) => {
    recorded = revisions;
  });
  let code = applied;
  if (!options.push) json?.finish(recorded);
  else code = await pushAfterApply(applied, changed, options, output, json?.take(recorded));
  return exitCodeFor({
    errors: code !== EXIT.ok,
    changes: recorded.length > 0,
    detailed: options.detailedExitcode,
  });
}

async function applyShown(
  paths: string[],
  options: ApplyOptions,
  output: Output | HeldOutput,
  changed: Set<string>,
  recorded: Recorded,
): Promise<ExitCode> {
  const fail = (diagnostic: Diagnostic) => {
    output.err(renderDiagnosticsText([diagnostic], output.color));
    return EXIT.error;
  };
  if (!options.actor)
    return fail(error('AUTHZ_NO_ACTOR', 'apply needs an actor: --actor EMAIL or CCAC_ACTOR'));
  const lockTimeoutMs = parseDuration(options.lockTimeout);
  if (lockTimeoutMs === undefined)
    return fail(
      error(
        'USAGE',
        `--lock-timeout takes a duration such as 10s, 2m, 1m30s or 500ms, or plain seconds (at most 596h), not "${options.lockTimeout}"`,
      ),
    );
  const told = { changed, recorded };
  const planFile = await savedPlanPath(paths);
  if (planFile) return runSavedPlan(planFile, options, lockTimeoutMs, output, told);
  if (!options.autoApprove && !process.stdin.isTTY) {
    return fail(
      error(
        'USAGE',
        'without a terminal, apply needs --auto-approve or a plan file saved with `ccac plan --out`',
      ),
    );
  }
  const configuration = readConfiguration(paths);
  const use = { actor: options.actor, parsesBeside: true };
  return withStore(options.db, output, use, async (store) => {
    const hooks = applyHooks(options.format, output, options.autoApprove ?? false);
    const applied = await applyConfiguration(
      store,
      configuration,
      request(paths, options, lockTimeoutMs),
      hooks,
    );
    return rendered(applied, options, output, told);
  });
}

/** Told the revisions an apply recorded, once committed (for --format json). */
type Recorded = (revisions: readonly RevisionRecord[]) => void;

/** The operation's request, from the options. */
function request(
  paths: readonly string[],
  options: ApplyOptions,
  lockTimeoutMs: number,
): ApplyRequest {
  return {
    paths,
    actor: options.actor ?? '',
    tenants: options.tenant,
    destroy: options.destroy ?? false,
    acceptDrift: options.acceptDrift ?? false,
    lockTimeoutMs,
  };
}

/** How the plan is shown and approved: asked on the terminal, or written while the apply works. */
function applyHooks(format: Format, output: Output | HeldOutput, autoApprove: boolean): ApplyHooks {
  return {
    async approve(plan) {
      // Approved in advance, the writes need not wait for the plan to be read: the database takes
      // the rows while it is written out (the apply commits only once it is all shown).
      if (autoApprove) return { shown: startedEarly(showPlan(plan, format, output)) };
      output.out(renderPlan(plan, format, output.color));
      // A person asked to approve sees the plan first, even when JSON output is held.
      if ('release' in output) output.release();
      return (await confirmApply()) && { shown: Promise.resolve() };
    },
    // The check's writes start while the plan is written out (the apply commits once it is shown).
    show: (plan) => showPlan(plan, format, output),
    progress: progressBar,
  };
}

/** What the apply came to, told; its exit code. */
async function rendered(
  applied: ApplyOutcome,
  options: ApplyOptions,
  output: Output,
  { changed, recorded }: { changed: Set<string>; recorded: Recorded },
): Promise<ExitCode> {
  switch (applied.outcome) {
    case 'planned':
      output.out(renderPlan(applied.shown, options.format, output.color));
      return hasErrors(applied.plan.diagnostics) ? EXIT.error : EXIT.ok;
    case 'cancelled':
      output.err('Apply cancelled; nothing was written.\n');
      return EXIT.error;
    case 'refused':
      output.err(renderDiagnosticsText(applied.diagnostics, output.color));
      output.err('Nothing was written.\n');
      return EXIT.error;
    case 'applied': {
      output.err(applySummary(applied.revisions));
      recorded(applied.revisions);
      if (options.anchors !== undefined) {
        const failed = await appendAnchors(options.anchors, applied.revisions);
        if (failed) output.err(renderDiagnosticsText([failed], output.color));
      }
      tenantsChanged(applied.plan, changed);
      return EXIT.ok;
    }
  }
}

/** Asks on the terminal; the prompt library loads only when someone is asked. */
async function confirmApply(): Promise<boolean> {
  const { default: confirm } = await import('@inquirer/confirm');
  return confirm({ message: 'Apply these changes?', default: false });
}

/**
 * The plan, as renderPlan shows it, written in turns with other work (the apply's writes).
 */
async function showPlan(plan: Plan, format: Format, output: Output): Promise<void> {
  if (format !== 'text') {
    output.out(renderPlan(plan, format, output.color));
    return;
  }
  const out = chunkedWriter(output.out);
  await inTurns(piecesTo(out, planTextPieces(plan, output.color)));
  out.end();
}

function* piecesTo(out: ChunkedWriter, pieces: Iterable<string>): Generator<void> {
  for (const piece of pieces) {
    out.add(piece);
    yield;
  }
}

async function runSavedPlan(
  file: string,
  options: ApplyOptions,
  lockTimeoutMs: number,
  output: Output,
  told: { changed: Set<string>; recorded: Recorded },
): Promise<ExitCode> {
  const signing = planKey();
  if ('diagnostic' in signing) {
    output.err(renderDiagnosticsText([signing.diagnostic], output.color));
    return EXIT.error;
  }
  // The plan may come from someone else (a pipeline artifact): a regular file, bounded, is read.
  const read = readRegularFile(await realpath(file), MAX_PLAN_BYTES);
  if ('refused' in read) {
    const place = { file, line: 1, column: 1 };
    output.err(
      renderDiagnosticsText([error('PLAN_INVALID', read.refused, { place })], output.color),
    );
    return EXIT.error;
  }
  const opened = await openPlanToApply(read.bytes, file, signing.key);
  output.err(renderDiagnosticsText(opened.diagnostics, output.color));
  const saved = opened.plan;
  if (!saved) return EXIT.error;
  return withStore(options.db, output, options, async (store) => {
    const hooks = applyHooks(options.format, output, true);
    const asked = request([file], options, lockTimeoutMs);
    const applied = await applySavedPlan(store, saved, asked, hooks);
    return rendered(applied, options, output, told);
  });
}

/** One argument that is a file but not YAML: a saved plan. */
async function savedPlanPath(paths: string[]): Promise<string | undefined> {
  const [only] = paths;
  if (paths.length !== 1 || only === undefined || /\.ya?ml$/i.test(only)) return undefined;
  const info = await stat(only).catch(() => undefined);
  return info?.isFile() ? only : undefined;
}
