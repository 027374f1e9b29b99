import { scopeName } from '../model/address.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { recordPlan, staleScopes } from '../operations/apply-plan.js';
import { organizationsTouched } from '../plan/plan-configuration.js';
import { scopesToRead } from '../plan/plan-scopes.js';
import { recheckSavedPlan, savedPlanTarget } from '../saved-plan/recheck-saved-plan.js';
import type { SavedPlan } from '../saved-plan/saved-plan.js';
import { error } from '../diagnostics/diagnostic.js';
import type { Model } from '../model/model.js';
import type { Plan } from '../model/plan.js';
import type { ApplyRevisionsOptions, StateStore, StateTransaction } from '../store/state-store.js';
import type { RevisionRecord } from '../model/revision.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import type { Format } from './options.js';
import type { Output } from './output.js';
import { renderDiagnosticsText } from './render/diagnostics.js';
import { renderPlan } from './render/render-plan.js';
import { progressBar } from './progress.js';
import { anchorText } from '../audit/anchors.js';
import { tamperedReads } from '../audit/tampered-reads.js';
import { authorizationReads } from '../authz/authorization-reads.js';
import { withDiagnostics } from '../plan/with-diagnostics.js';
import { visiblePlan } from '../authz/index.js';
import { checkDrift } from '../operations/check-drift.js';
import { appendAnchors } from './anchor-file.js';

export type ApplySettings = {
  output: Output;
  lockTimeoutMs: number;
  actor: string;
  rolesByScope: ReadonlyMap<string, string>;
  gitCommit: string | null;
  /** The configuration's and the plan's digests, or how to make them (ApplyRevisionsOptions). */
  digests: ApplyRevisionsOptions['digests'];
  format?: Format;
  /** `--accept-drift`: adopt rows changed outside ccac in the scopes written (check-drift.ts). */
  acceptDrift?: boolean;
  /** `--anchors` / CCAC_ANCHOR_FILE: where each recorded revision's anchor is appended. */
  anchorFile?: string | undefined;
  /**
   * Set when the plan is still being written out as the apply starts (--auto-approve): it
   * resolves once it is all shown. Nothing else is said before, and nothing is committed unless
   * it was shown.
   */
  planShown?: Promise<void>;
  /** Told the revisions the apply recorded, once committed (none: a saved plan without changes). */
  recorded?: (revisions: readonly RevisionRecord[]) => void;
} & (
  | {
      /** A plan made now: the model it leads to (the configuration). */
      desired: Model;
    }
  | {
      /** A saved plan: re-checked against the state under the lock, its target projected there. */
      saved: SavedPlan;
      /** `--destroy`: the saved plan may delete whole tenants (TENANT_DESTROY otherwise). */
      destroy: boolean;
    }
);

type Outcome = { diagnostics: Diagnostic[] } | { revisions: RevisionRecord[] };

/**
 * One transaction under the scopes' locks: refuse a stale plan, re-check a saved one,
 * write the changes and a revision per scope. Anything wrong rolls back.
 */
export async function applyPlan(
  store: StateStore,
  plan: Plan,
  settings: ApplySettings,
): Promise<ExitCode> {
  const scopes = Object.keys(plan.tenants).sort();
  const shown = settings.planShown ?? Promise.resolve();
  const outcome = await store
    .withLockedScopes<Outcome>(scopes, { lockTimeoutMs: settings.lockTimeoutMs }, async (tx) => {
      const checked = await checkUnderLock(tx, plan, settings);
      if ('diagnostics' in checked) return { commit: false, value: checked };
      const drift = await checkDrift(tx, checked.plan, {
        actor: settings.actor,
        accept: settings.acceptDrift ?? false,
      });
      if ('diagnostics' in drift) return { commit: false, value: drift };
      const progress = progressAfter(shown, checked.plan.changes.length);
      try {
        const record = {
          ...settings,
          rolesByScope: checked.rolesByScope,
          acceptedDrift: drift.adopted,
        };
        const { target } = checked;
        const revisions = await recordPlan(tx, checked.plan, record, target, progress.update);
        await shown;
        return { commit: true, value: { revisions } };
      } finally {
        progress.stop();
      }
    })
    .finally(() => shown.catch(() => undefined)); // a failure is told after the whole plan
  await shown;
  const { output } = settings;
  if ('diagnostics' in outcome) {
    output.err(renderDiagnosticsText(outcome.diagnostics, output.color));
    output.err('Nothing was written.\n');
    return EXIT.error;
  }
  output.err(applySummary(outcome.revisions));
  settings.recorded?.(outcome.revisions);
  if (settings.anchorFile !== undefined) {
    const failed = await appendAnchors(settings.anchorFile, outcome.revisions);
    if (failed) output.err(renderDiagnosticsText([failed], output.color));
  }
  return EXIT.ok;
}

/**
 * Under the lock: a plan made now only needs its scopes not to have moved on (their revisions);
 * a saved plan is planned again against the state read here, its target projected once.
 */
async function checkUnderLock(
  tx: StateTransaction,
  plan: Plan,
  settings: ApplySettings,
): Promise<
  | { diagnostics: Diagnostic[] }
  | { plan: Plan; rolesByScope: ReadonlyMap<string, string>; target: Model }
> {
  const scopes = new Set(Object.keys(plan.tenants));
  if ('desired' in settings) {
    const stale = staleScopes(plan.tenants, await tx.scopeRevisions(scopesToRead(scopes)));
    if (stale.length > 0) return { diagnostics: stale };
    return { plan, rolesByScope: settings.rolesByScope, target: settings.desired };
  }
  const { saved } = settings;
  if (await tx.planApplied(saved.digest)) {
    return {
      diagnostics: [
        error('PLAN_STALE', 'this plan was applied already; a saved plan is applied at most once'),
      ],
    };
  }
  const current = await tx.readState(scopesToRead(scopes));
  const stale = staleScopes(plan.tenants, current.revisions);
  if (stale.length > 0) return { diagnostics: stale };
  const target = savedPlanTarget(saved, current);
  const touched = organizationsTouched(target, current.model, scopes);
  const references = touched.length > 0 ? await tx.organizationReferences(touched) : [];
  const rechecked = recheckSavedPlan(saved, current, target, {
    actor: settings.actor,
    destroy: settings.destroy,
    organizationReferences: references,
  });
  const reads = authorizationReads({
    actor: settings.actor,
    stored: current.model,
    scopes,
    organizationReferences: references,
  });
  const tampered = await tamperedReads(tx, current.model, reads);
  const checked = withDiagnostics(rechecked.plan, tampered);
  // The actor sees no more than their roles show (authz/visibility.ts); the plan is applied whole.
  const shown = visiblePlan(checked, rechecked.views);
  settings.output.out(renderPlan(shown, settings.format ?? 'text', settings.output.color));
  if (hasErrors(checked.diagnostics)) return { diagnostics: [] };
  return { ...rechecked, plan: checked, target };
}

/** The progress bar, once the plan is shown: drawn while it is written out, it would garble it. */
function progressAfter(shown: Promise<void>, total: number): ReturnType<typeof progressBar> {
  let bar: ReturnType<typeof progressBar> | undefined;
  let stopped = false;
  shown.then(
    () => {
      if (!stopped) bar = progressBar(total);
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

function applySummary(revisions: readonly RevisionRecord[]): string {
  // A saved plan without changes writes nothing: no revision to name.
  if (revisions.length === 0) return 'Apply complete: nothing to change, no revision recorded.\n';
  const total = revisions.reduce(
    (sum, r) => ({
      create: sum.create + r.counts.create,
      update: sum.update + r.counts.update,
      delete: sum.delete + r.counts.delete,
    }),
    { create: 0, update: 0, delete: 0 },
  );
  const list = revisions.map((r) => `${scopeName(r.scope)}@${r.revision}`).join(', ');
  const adopted = revisions.flatMap((r) => r.acceptedDrift ?? []).map((d) => d.address);
  const adoptedLine = adopted.length > 0 ? `Adopted drift: ${adopted.join(', ')}.\n` : '';
  // The chain cannot see its own tail cut: these lines, kept elsewhere, can (history verify --expect).
  const anchors = revisions.map((r) => `  ${anchorText(r)}\n`).join('');
  return (
    `Apply complete: ${total.create} created, ${total.update} updated, ${total.delete} deleted. Revisions: ${list}.\n` +
    adoptedLine +
    `Anchors (keep them; \`ccac history verify --expect ANCHOR\` checks the history still holds them):\n${anchors}`
  );
}
