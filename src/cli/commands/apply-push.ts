import { GLOBAL_SCOPE, scopeOf } from '../../model/address.js';
import type { Plan } from '../../model/plan.js';
import { EXIT, type ExitCode, type Output } from '../output.js';
import type { Format } from '../options.js';
import { applyPushJson } from '../render/apply-push-json.js';

/** The tenants an applied plan changed: what `apply --push` pushes. */
export function tenantsChanged(plan: Plan, into: Set<string>): void {
  for (const change of plan.changes) {
    const scope = scopeOf(change.kind, change.name, change.tenant);
    if (scope !== GLOBAL_SCOPE) into.add(scope);
  }
}

interface PushAfterApplyOptions {
  db: string;
  actor?: string;
  format: Format;
}

/**
 * `ccac apply --push`, once the apply has returned: the tenants it changed are pushed, in the
 * same run. A failed apply pushes nothing; the exit code is the apply's, else the push's.
 * With `--format json`, `appliedJson` is the apply's document ('' when it wrote none), and
 * stdout gets one document holding both (render/apply-push-json.ts).
 */
export async function pushAfterApply(
  applied: ExitCode,
  changed: ReadonlySet<string>,
  options: PushAfterApplyOptions,
  output: Output,
  appliedJson?: string,
): Promise<ExitCode> {
  if (options.format !== 'json') return pushChanged(applied, changed, options, output);
  let pushedJson = '';
  const held: Output = { ...output, out: (text) => (pushedJson += text) };
  const code = await pushChanged(applied, changed, options, held);
  output.out(applyPushJson(appliedJson ?? '', pushedJson));
  return code;
}

async function pushChanged(
  applied: ExitCode,
  changed: ReadonlySet<string>,
  options: PushAfterApplyOptions,
  output: Output,
): Promise<ExitCode> {
  if (applied !== EXIT.ok) return applied;
  if (changed.size === 0) {
    output.err('Nothing was applied, so nothing is pushed.\n');
    return applied;
  }
  // Loaded only to push: the Webex client and the reconciler are a third of what apply loads.
  const { runPush } = await import('./push.js');
  return runPush(
    { db: options.db, actor: options.actor, tenant: [...changed].sort(), format: options.format },
    output,
  );
}
