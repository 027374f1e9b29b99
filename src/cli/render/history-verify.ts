import { scopeName } from '../../model/address.js';
import { describeProblem, type ScopeVerification } from '../../model/scope-verification.js';
import { paint } from '../output.js';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function totals(results: readonly ScopeVerification[]) {
  const revisions = results.reduce((sum, r) => sum + r.revisions, 0);
  const anchors = results.reduce((sum, r) => sum + r.anchors, 0);
  const pushes = results.reduce((sum, r) => sum + (r.pushes ?? 0), 0);
  const broken = results.filter((r) => r.problem !== null);
  return { revisions, anchors, pushes, broken };
}

/** One line per failed scope naming its first problem, then the count line. */
export function renderVerifyText(results: readonly ScopeVerification[], color: boolean): string {
  const c = paint(color);
  const { revisions, anchors, pushes, broken } = totals(results);
  const pushed = pushes > 0 ? ` and ${plural(pushes, 'push record', 'push records')}` : '';
  const counted = `${plural(revisions, 'revision', 'revisions')}${pushed} in ${plural(results.length, 'scope', 'scopes')}`;
  const anchored = anchors > 0 ? ` against ${plural(anchors, 'anchor', 'anchors')}` : '';
  if (broken.length === 0) return `${counted} verified${anchored}\n`;
  const lines = broken.map((r) => c.red(describeProblem(r.scope, r.problem!)));
  return `${lines.join('\n')}\n\n${c.bold(`Verification failed in ${plural(broken.length, 'scope', 'scopes')} of ${results.length} (${counted} checked${anchored}).`)}\n`;
}

/** Deterministic: scopes sorted, keys in fixed order, the problem with its message. */
export function renderVerifyJson(results: readonly ScopeVerification[]): string {
  const { revisions, anchors, pushes, broken } = totals(results);
  const scopes = [...results]
    .sort((a, b) => (a.scope < b.scope ? -1 : a.scope > b.scope ? 1 : 0))
    .map((r) => ({
      scope: scopeName(r.scope),
      revisions: r.revisions,
      ...(r.pushes ? { pushes: r.pushes } : {}),
      intact: r.problem === null,
      problem: r.problem && { ...r.problem, message: describeProblem(r.scope, r.problem) },
    }));
  return `${JSON.stringify(
    { intact: broken.length === 0, revisions, anchors, ...(pushes ? { pushes } : {}), scopes },
    null,
    2,
  )}\n`;
}
