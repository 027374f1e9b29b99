import { readFile, stat } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { error, hasErrors, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Plan } from '../../model/plan.js';
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
import { ANCHOR_FILE_ENV, appendAnchors } from '../anchor-file.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import {
  addActorOption,
  addStoreOption,
  addTenantOption,
  formatOption,
  type Format,
} from '../options.js';
import type { Output } from '../output.js';
import { planKey } from '../plan-key.js';
import { progressBar } from '../progress.js';
import { applySummary } from '../render/apply-summary.js';
import { renderDiagnosticsText } from '../render/diagnostics.js';
import { planTextPieces } from '../render/plan-text.js';
import { renderPlan } from '../render/render-plan.js';
import { chunkedWriter, type ChunkedWriter } from '../render/text-chunks.js';
import { withStore } from '../with-store.js';
import { pushAfterApply, tenantsChanged } from './apply-push.js';

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
}

export function registerApply(
  program: Command,
  output: Output,
  done: (code: ExitCode) => void,
): void {
  const command = program
    .command('apply')
    .description('apply the files (after showing the plan), or a plan saved with `ccac plan --out`')
    .argument('<paths...>', 'YAML files or directories, or one saved plan file')
    .addOption(formatOption(['text', 'json']))
    .option('--auto-approve', 'apply without asking (required without a terminal)')
    .option(
      '--destroy',
      'allow the apply to delete whole tenants (the plan names them at its top): without it, such an apply is refused',
    )
    .option(
      '--lock-timeout <seconds>',
      'how long to wait for another apply on the same tenant',
      '30',
    )
    .option(
      '--accept-drift',
      'adopt resources changed outside ccac in the tenants written (recorded in the revision)',
    )
    .addOption(
      new Option('--anchors <file>', "append each revision's anchor to this file").env(
        ANCHOR_FILE_ENV,
      ),
    )
    .option('--push', 'then push the tenants the apply changed to Webex (ccac push)');
  addStoreOption(command);
  addActorOption(command);
  addTenantOption(command);
  command.action(async (paths: string[], options: ApplyOptions) => {
    const changed = new Set<string>();
    const applied = await runApply(paths, options, output, changed);
    done(options.push ? await pushAfterApply(applied, changed, options, output) : applied);
  });
}

async function runApply(
  paths: string[],
  options: ApplyOptions,
  output: Output,
  changed: Set<string>,
): Promise<ExitCode> {
  const fail = (diagnostic: Diagnostic) => {
    output.err(renderDiagnosticsText([diagnostic], output.color));
    return EXIT.error;
  };
  if (!options.actor)
    return fail(error('AUTHZ_NO_ACTOR', 'apply needs an actor: --actor EMAIL or CCAC_ACTOR'));
  const lockTimeoutMs = Number(options.lockTimeout) * 1000;
  if (!Number.isFinite(lockTimeoutMs) || lockTimeoutMs < 0) {
    return fail(error('USAGE', `--lock-timeout takes seconds, not "${options.lockTimeout}"`));
  }
  const planFile = await savedPlanPath(paths);
  if (planFile) return runSavedPlan(planFile, options, lockTimeoutMs, output, changed);
  if (!options.autoApprove && !process.stdin.isTTY) {
    return fail(
      error(
        'USAGE',
        'without a terminal, apply needs --auto-approve or a plan file saved with `ccac plan --out`',
      ),
    );
  }
  const configuration = readConfiguration(paths);
  return withStore(options.db, output, options, async (store) => {
    const hooks = applyHooks(options.format, output, options.autoApprove ?? false);
    const applied = await applyConfiguration(
      store,
      configuration,
      request(options, lockTimeoutMs),
      hooks,
    );
    return rendered(applied, options, output, changed);
  });
}

/** The operation's request, from the options. */
function request(options: ApplyOptions, lockTimeoutMs: number): ApplyRequest {
  return {
    actor: options.actor ?? '',
    tenants: options.tenant,
    destroy: options.destroy ?? false,
    acceptDrift: options.acceptDrift ?? false,
    lockTimeoutMs,
  };
}

/** How the plan is shown and approved: asked on the terminal, or written while the apply works. */
function applyHooks(format: Format, output: Output, autoApprove: boolean): ApplyHooks {
  return {
    async approve(plan) {
      // Approved in advance, the writes need not wait for the plan to be read: the database takes
      // the rows while it is written out (the apply commits only once it is all shown).
      if (autoApprove) return { shown: startedEarly(showPlan(plan, format, output)) };
      output.out(renderPlan(plan, format, output.color));
      return (await confirmApply()) && { shown: Promise.resolve() };
    },
    show: (plan) => output.out(renderPlan(plan, format, output.color)),
    progress: progressBar,
  };
}

/** What the apply came to, told; its exit code. */
async function rendered(
  applied: ApplyOutcome,
  options: ApplyOptions,
  output: Output,
  changed: Set<string>,
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
  changed: Set<string>,
): Promise<ExitCode> {
  const signing = planKey();
  if ('diagnostic' in signing) {
    output.err(renderDiagnosticsText([signing.diagnostic], output.color));
    return EXIT.error;
  }
  const opened = openPlanToApply(await readFile(file, 'utf8'), file, signing.key);
  output.err(renderDiagnosticsText(opened.diagnostics, output.color));
  const saved = opened.plan;
  if (!saved) return EXIT.error;
  return withStore(options.db, output, options, async (store) => {
    const hooks = applyHooks(options.format, output, true);
    const applied = await applySavedPlan(store, saved, request(options, lockTimeoutMs), hooks);
    return rendered(applied, options, output, changed);
  });
}

/** One argument that is a file but not YAML: a saved plan. */
async function savedPlanPath(paths: string[]): Promise<string | undefined> {
  const [only] = paths;
  if (paths.length !== 1 || only === undefined || /\.ya?ml$/i.test(only)) return undefined;
  const info = await stat(only).catch(() => undefined);
  return info?.isFile() ? only : undefined;
}
