import { visiblePlan } from '../authz/index.js';
import { assetsNeeded, type CheckedConfig } from '../config/check-config.js';
import { error, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Plan } from '../model/plan.js';
import type { RevisionRecord } from '../model/revision.js';
import { applyDigestSteps } from '../plan/digests.js';
import { knownHashes } from '../plan/planned-value.js';
import { openSignedPlanFile, type OpenedPlan, type SavedPlan } from '../saved-plan/saved-plan.js';
import { configurationCommit } from '../sources/git.js';
import type { StateStore, StateTransaction } from '../store/state-store.js';
import { inTurns } from '../support/in-turns.js';
import { debug } from '../support/debug.js';
import { settled, startedEarly } from '../support/started-early.js';
import { recordPlan, type ApplyRecord } from './apply-plan.js';
import { checkDrift } from './check-drift.js';
import { currentUnderLock, savedUnderLock } from './check-under-lock.js';
import type { Checked, Refused } from './checked-plan.js';

/** What `ccac apply` is asked: plain values, as the options gave them. */
export interface ApplyRequest {
  /** The configuration's paths: the commit recorded is of the repository holding them. */
  paths: readonly string[];
  actor: string;
  tenants: readonly string[];
  /** `--destroy`: the apply may delete whole tenants (TENANT_DESTROY otherwise). */
  destroy: boolean;
  /** `--accept-drift`: adopt rows changed outside ccac in the scopes written (check-drift.ts). */
  acceptDrift: boolean;
  lockTimeoutMs: number;
}

/** The progress of the writes, as the command draws it. */
export interface WriteProgress {
  update(written: number, total: number): void;
  stop(): void;
}

/** What the command does for the apply where a person is involved: showing and asking. */
export interface ApplyHooks {
  /**
   * A plan made now, with changes to apply: show what the actor may see of it and ask. Resolves
   * to `shown`, a promise that settles once the plan is all shown (nothing is committed before),
   * or to false when the apply is not approved.
   */
  approve(plan: Plan): Promise<{ shown: Promise<void> } | false>;
  /**
   * A saved plan as checked under the lock, against the state it is applied to: shown while the
   * writes start; settles once it is all shown (nothing is committed before).
   */
  show(shown: Plan): Promise<void>;
  /** Drawn once the plan is shown: drawn while it is written out, it would garble it. */
  progress(total: number): WriteProgress;
}

/** How an apply ended. */
export type ApplyOutcome =
  /** A plan made now with errors or nothing to change: not applied, shown as is. */
  | { outcome: 'planned'; plan: Plan; shown: Plan }
  /** A person said no. */
  | { outcome: 'cancelled' }
  /** Refused under the lock (stale, drift, a saved plan that no longer holds): nothing written. */
  | { outcome: 'refused'; diagnostics: Diagnostic[] }
  /** Committed: the plan written, a revision per scope it changed. */
  | { outcome: 'applied'; plan: Plan; revisions: RevisionRecord[] };

/** The configuration, read and checked while the store opens: each waits on the other's IO. */
export function readConfiguration(paths: readonly string[]): Promise<CheckedConfig> {
  // Loaded for a configuration only: the apply of a saved plan reads no YAML and runs no rule.
  const workspace = import('../workspace/open-workspace.js');
  return startedEarly(
    workspace.then(({ loadWholeConfig }) => loadWholeConfig(paths)),
    'configuration checked',
  );
}

/**
 * `ccac apply PATHS`: the configuration planned against the store, approved, then applied in one
 * transaction under its scopes' locks (applyUnderLock).
 */
export async function applyConfiguration(
  store: StateStore,
  configuration: Promise<CheckedConfig>,
  request: ApplyRequest,
  hooks: ApplyHooks,
): Promise<ApplyOutcome> {
  const commitOf = configurationCommit(request.paths);
  const { planAgainstStore, undeclaredAndUnstored } = await import('./plan-against-store.js');
  const checked = await configuration;
  const declared = checked.desired.tenants().map((t) => t.name);
  const unknown = await undeclaredAndUnstored(request.tenants, declared, store);
  if (unknown.length > 0) return { outcome: 'refused', diagnostics: unknown };
  const { plan, rolesByScope, scopes, views, stored } = await planAgainstStore(store, checked, {
    tenants: request.tenants,
    actor: request.actor,
    requireActor: true,
    destroy: request.destroy,
  });
  debug('plan made');
  // The actor sees no more than their roles show (authz/visibility.ts); the plan is applied whole.
  const shown = visiblePlan(plan, views);
  if (hasErrors(plan.diagnostics) || plan.changes.length === 0)
    return { outcome: 'planned', plan, shown };
  const gitCommit = startedEarly(commitOf(assetsNeeded(checked.declared)));
  const approved = await hooks.approve(shown);
  if (approved === false) return { outcome: 'cancelled' };
  const known = knownHashes(checked.desired, stored.model);
  // Needed only once the changes are written: made in turns while the database takes them.
  const digests = () =>
    startedEarly(
      inTurns(applyDigestSteps(plan, checked.desired, scopes, known)),
      'plan and configuration digests made',
    );
  const record = { actor: request.actor, rolesByScope, gitCommit: await gitCommit, digests };
  return applyUnderLock(store, plan, request, hooks, {
    record,
    planShown: () => approved.shown,
    check: (tx) => currentUnderLock(tx, plan, { desired: checked.desired, rolesByScope }),
  });
}

/**
 * A saved plan file, opened and checked before any store is: warnings, or why it is refused.
 * A file signed as a whole with the key needs no check of its values: what checks them (the
 * schema validator, the canonical model) is loaded only for other files.
 */
export async function openPlanToApply(
  bytes: Buffer,
  file: string,
  key: string | undefined,
): Promise<{ plan?: SavedPlan; diagnostics: Diagnostic[] }> {
  const text = bytes.toString('utf8');
  const signed = key === undefined ? undefined : openSignedPlanFile(text, key, bytes);
  const opened: OpenedPlan = signed
    ? { plan: signed, diagnostics: [] }
    : (await import('../saved-plan/open-saved-plan.js')).checkSavedPlanInFull(text, file, key);
  debug('saved plan opened');
  if (!opened.plan || !hasErrors(opened.plan.diagnostics)) return opened;
  const place = { file, line: 1, column: 1 };
  const invalid = error('PLAN_INVALID', 'the saved plan has errors and cannot be applied', {
    place,
  });
  return { diagnostics: [...opened.diagnostics, invalid] };
}

/**
 * `ccac apply PLANFILE`: a saved plan applied at most once, checked under the lock against the
 * state it is applied to (check-under-lock.ts: one signed with CCAC_PLAN_KEY against its base
 * revisions, any other re-checked in full), shown as checked, then applied.
 */
export async function applySavedPlan(
  store: StateStore,
  saved: SavedPlan,
  request: ApplyRequest,
  hooks: ApplyHooks,
): Promise<ApplyOutcome> {
  const record = {
    actor: request.actor,
    rolesByScope: new Map<string, string>(),
    gitCommit: saved.gitCommit,
    digests: { configDigest: saved.configDigest, planDigest: saved.digest },
  };
  let shown = Promise.resolve();
  return applyUnderLock(store, saved, request, hooks, {
    record,
    planShown: () => shown,
    check: async (tx) => {
      const checked = await savedUnderLock(tx, saved, request);
      if (checked.shown) shown = startedEarly(hooks.show(checked.shown));
      return checked;
    },
  });
}

interface UnderLock {
  /** What the revisions record; the roles are those found under the lock. */
  record: Omit<ApplyRecord, 'acceptedDrift'>;
  /** Settles once the plan is all shown: nothing is committed before (asked once checked). */
  planShown: () => Promise<void>;
  /** Whether the plan may be written, decided under the lock (check-under-lock.ts). */
  check: (tx: StateTransaction) => Promise<Checked | Refused>;
}

/**
 * One transaction under the scopes' locks: the plan checked there (stale, saved plan re-checked),
 * drift checked, the changes and a revision per scope written. Anything wrong rolls back.
 */
async function applyUnderLock(
  store: StateStore,
  plan: Plan,
  request: ApplyRequest,
  hooks: ApplyHooks,
  { record, planShown: shown, check }: UnderLock,
): Promise<ApplyOutcome> {
  const scopes = Object.keys(plan.tenants).sort();
  const lock = { lockTimeoutMs: request.lockTimeoutMs };
  type Written = Refused | { plan: Plan; revisions: RevisionRecord[] };
  const outcome = await store
    .withLockedScopes<Written>(scopes, lock, async (tx) => {
      const checked = await check(tx);
      if ('diagnostics' in checked) return { commit: false, value: checked };
      const drift = checked.driftChecked
        ? { adopted: [] }
        : await checkDrift(tx, checked.plan, {
            actor: request.actor,
            accept: request.acceptDrift,
          });
      debug('drift checked');
      if ('diagnostics' in drift) return { commit: false, value: drift };
      const progress = progressAfter(shown(), checked.plan.changes.length, hooks);
      try {
        const recorded = {
          ...record,
          rolesByScope: checked.rolesByScope,
          acceptedDrift: drift.adopted,
        };
        const revisions = await recordPlan(
          tx,
          checked.plan,
          recorded,
          checked.target,
          progress.update,
        );
        await shown();
        return { commit: true, value: { plan: checked.plan, revisions } };
      } finally {
        progress.stop();
      }
    })
    .finally(() => settled(shown())); // a failure is told after the whole plan
  await shown();
  return 'diagnostics' in outcome
    ? { outcome: 'refused', diagnostics: outcome.diagnostics }
    : { outcome: 'applied', ...outcome };
}

/** The progress of the writes, drawn once the plan is shown. */
function progressAfter(shown: Promise<void>, total: number, hooks: ApplyHooks): WriteProgress {
  let bar: WriteProgress | undefined;
  let stopped = false;
  shown.then(
    () => {
      if (!stopped) bar = hooks.progress(total);
    },
    () => undefined,
  );
  return {
    update: (written, all) => bar?.update(written, all),
    stop: () => {
      stopped = true;
      bar?.stop();
    },
  };
}
