import { readFile, stat } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { visiblePlan } from '../../authz/index.js';
import { error, hasErrors, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { applyPlan, type ApplySettings } from '../apply-session.js';
import { commitOfConfiguration } from '../../operations/configuration-commit.js';
import { parseDuration } from '../duration.js';
import { EXIT, exitCodeFor, type ExitCode } from '../exit-codes.js';
import { loadWholeConfig } from '../../workspace/open-workspace.js';
import {
  addActorOption,
  addStoreOption,
  addTenantOption,
  formatOption,
  type Format,
} from '../options.js';
import type { Output } from '../output.js';
import type { Plan } from '../../model/plan.js';
import { planAgainstStore } from '../../operations/plan-against-store.js';
import { renderDiagnosticsText } from '../render/diagnostics.js';
import { planTextPieces } from '../render/plan-text.js';
import { chunkedWriter, type ChunkedWriter } from '../render/text-chunks.js';
import { holdApplyJson, type HeldOutput } from '../render/apply-json.js';
import { renderPlan } from '../render/render-plan.js';
import { withStore } from '../with-store.js';
import { debug } from '../../support/debug.js';
import { applyDigestSteps } from '../../plan/digests.js';
import type { Model } from '../../model/model.js';
import type { RevisionDigests, RevisionRecord } from '../../model/revision.js';
import { inTurns } from '../../support/in-turns.js';
import { openSavedPlan } from '../../saved-plan/saved-plan.js';
import { planKey } from '../plan-key.js';
import { ANCHOR_FILE_ENV } from '../anchor-file.js';
import { pushAfterApply, tenantsChanged } from './apply-push.js';

export interface ApplyOptions {
  db: string;
  actor?: string;
  tenant: string[];
  format: Format;
  autoApprove?: boolean;
  destroy?: boolean;
  lockTimeout: string;
  detailedExitcode?: boolean;
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
      '--lock-timeout <duration>',
      'how long to wait for another apply on the same tenant: 10s, 2m, 1m30s, 500ms (as Terraform takes it) or plain seconds',
      '30s',
    )
    .option(
      '--detailed-exitcode',
      'exit 2 when the apply recorded changes, 0 when there was nothing to change (1 on any error), as `plan --detailed-exitcode`',
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
    let recorded: readonly RevisionRecord[] = [];
    const json = options.format === 'json' ? holdApplyJson(output) : undefined;
    const applied = await runApply(paths, options, json ?? output, changed, (revisions) => {
      recorded = revisions;
    });
    json?.finish(recorded);
    const code = options.push ? await pushAfterApply(applied, changed, options, output) : applied;
    done(
      exitCodeFor({
        errors: code !== EXIT.ok,
        changes: recorded.length > 0,
        detailed: options.detailedExitcode,
      }),
    );
  });
}

async function runApply(
  paths: string[],
  options: ApplyOptions,
  output: Output | HeldOutput,
  changed: Set<string>,
  recorded: (revisions: readonly RevisionRecord[]) => void,
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
  const planFile = await savedPlanPath(paths);
  if (planFile)
    return applySavedPlan(planFile, options, { lockTimeoutMs, recorded }, output, changed);
  if (!options.autoApprove && !process.stdin.isTTY) {
    return fail(
      error(
        'USAGE',
        'without a terminal, apply needs --auto-approve or a plan file saved with `ccac plan --out`',
      ),
    );
  }
  // The files are read while the store opens: each waits on the other's IO.
  const loading = loadWholeConfig(paths);
  loading.catch(() => undefined); // awaited once the store is open; a failure to open wins
  return withStore(options.db, output, options, async (store) => {
    const checked = await loading;
    debug('configuration checked');
    const { plan, rolesByScope, scopes, views } = await planAgainstStore(store, checked, {
      tenants: options.tenant,
      actor: options.actor,
      requireActor: true,
      destroy: options.destroy ?? false,
    });
    debug('planned');
    // The actor sees no more than their roles show (authz/visibility.ts); the plan is applied whole.
    const shown = visiblePlan(plan, views);
    if (hasErrors(plan.diagnostics) || plan.changes.length === 0) {
      output.out(renderPlan(shown, options.format, output.color));
      return hasErrors(plan.diagnostics) ? EXIT.error : EXIT.ok;
    }
    const settings = async () => ({
      output,
      lockTimeoutMs,
      recorded,
      acceptDrift: options.acceptDrift ?? false,
      anchorFile: options.anchors,
      actor: options.actor ?? '',
      rolesByScope,
      desired: checked.desired,
      gitCommit: await commitOfConfiguration(paths, checked.declared),
      digests: () => digestsInTurns(plan, checked.desired, scopes),
    });
    if (!options.autoApprove) {
      output.out(renderPlan(shown, options.format, output.color));
      if ('release' in output) output.release();
      if (!(await confirmApply())) {
        output.err('Apply cancelled; nothing was written.\n');
        return EXIT.error;
      }
      return noteChanged(await applyPlan(store, plan, await settings()), plan, changed);
    }
    // Approved in advance, the writes need not wait for the plan to be read: the database takes
    // the rows while it is written out (the apply commits only once it is all shown).
    const ready = await settings();
    const planShown = showPlan(shown, options.format, output);
    planShown.catch(() => undefined); // awaited by applyPlan
    return noteChanged(await applyPlan(store, plan, { ...ready, planShown }), plan, changed);
  });
}

/** Asks on the terminal; the prompt library loads only when someone is asked. */
async function confirmApply(): Promise<boolean> {
  const { default: confirm } = await import('@inquirer/confirm');
  return confirm({ message: 'Apply these changes?', default: false });
}

/**
 * The digests an apply records, made in turns: they are needed only once its changes are
 * written, so they are made while the database takes the change records.
 */
function digestsInTurns(
  plan: Plan,
  desired: Model,
  scopes: ReadonlySet<string>,
): Promise<RevisionDigests> {
  const digests = inTurns(applyDigestSteps(plan, desired, scopes));
  digests.then(() => debug('plan and configuration digests made')).catch(() => undefined);
  return digests;
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

async function applySavedPlan(
  file: string,
  options: ApplyOptions,
  settings: Pick<ApplySettings, 'lockTimeoutMs' | 'recorded'>,
  output: Output,
  changed: Set<string>,
): Promise<ExitCode> {
  const signing = planKey();
  if ('diagnostic' in signing) {
    output.err(renderDiagnosticsText([signing.diagnostic], output.color));
    return EXIT.error;
  }
  const opened = openSavedPlan(await readFile(file, 'utf8'), file, signing.key);
  output.err(renderDiagnosticsText(opened.diagnostics, output.color));
  const saved = opened.plan;
  if (!saved) return EXIT.error;
  if (hasErrors(saved.diagnostics)) {
    output.err(
      renderDiagnosticsText(
        [
          error('PLAN_INVALID', 'the saved plan has errors and cannot be applied', {
            place: { file, line: 1, column: 1 },
          }),
        ],
        output.color,
      ),
    );
    return EXIT.error;
  }
  return withStore(options.db, output, options, async (store) =>
    noteChanged(
      await applyPlan(store, saved, {
        output,
        ...settings,
        acceptDrift: options.acceptDrift ?? false,
        anchorFile: options.anchors,
        actor: options.actor ?? '',
        rolesByScope: new Map(),
        gitCommit: saved.gitCommit,
        digests: { configDigest: saved.configDigest, planDigest: saved.digest },
        saved,
        destroy: options.destroy ?? false,
        format: options.format,
      }),
      saved,
      changed,
    ),
  );
}

/** An apply that succeeded changed its plan's tenants (for --push). */
function noteChanged(code: ExitCode, plan: Plan, changed: Set<string>): ExitCode {
  if (code === EXIT.ok) tenantsChanged(plan, changed);
  return code;
}

/** One argument that is a file but not YAML: a saved plan. */
async function savedPlanPath(paths: string[]): Promise<string | undefined> {
  const [only] = paths;
  if (paths.length !== 1 || only === undefined || /\.ya?ml$/i.test(only)) return undefined;
  const info = await stat(only).catch(() => undefined);
  return info?.isFile() ? only : undefined;
}
