import { describeProblem, type ScopeVerification } from '../../audit/verify-chain.js';
import { paint } from '../output.js';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function totals(results: readonly ScopeVerification[]) {
  const revisions = results.reduce((sum, r) => sum + r.revisions, 0);
  const broken = results.filter((r) => r.problem !== null);
  return { revisions, broken };
}

/** One line per broken scope naming its first bad revision, then the count line. */
export function renderVerifyText(results: readonly ScopeVerification[], color: boolean): string {
  const c = paint(color);
  const { revisions, broken } = totals(results);
  const counted = `${plural(revisions, 'revision', 'revisions')} in ${plural(results.length, 'scope', 'scopes')}`;
  if (broken.length === 0) return `${counted} verified\n`;
  const lines = broken.map((r) => c.red(describeProblem(r.scope, r.problem!)));
  return `${lines.join('\n')}\n\n${c.bold(`Chain broken in ${plural(broken.length, 'scope', 'scopes')} of ${results.length} (${counted} checked).`)}\n`;
}

/** Deterministic: scopes sorted, keys in fixed order, the problem with its message. */
export function renderVerifyJson(results: readonly ScopeVerification[]): string {
  const { revisions, broken } = totals(results);
  const scopes = [...results]
    .sort((a, b) => (a.scope < b.scope ? -1 : a.scope > b.scope ? 1 : 0))
    .map((r) => ({
      scope: r.scope,
      revisions: r.revisions,
      intact: r.problem === null,
      problem: r.problem && { ...r.problem, message: describeProblem(r.scope, r.problem) },
    }));
  return `${JSON.stringify({ intact: broken.length === 0, revisions, scopes }, null, 2)}\n`;
}
