import { scopeName } from '../model/address.js';
import { describeProblem, type ScopeVerification } from '../model/scope-verification.js';
import { escapeHtml } from './escape-html.js';

/**
 * Per scope: how many revisions and pushes, and whether their hash chains (and the Webex ids the
 * pushes recorded) hold, or where they first break.
 */
export function renderChains(chains: readonly ScopeVerification[]): string {
  if (chains.length === 0) return '<p class="none">No scopes stored.</p>';
  const rows = chains.map(({ scope, revisions, pushes = 0, problem }) => {
    const status =
      problem === null
        ? '<span class="chain-ok">✔ intact</span>'
        : `<span class="chain-broken">✘ ${escapeHtml(describeProblem(scope, problem))}</span>`;
    return (
      `<tr class="${problem === null ? 'ok' : 'broken'}" data-chain-scope="${escapeHtml(scopeName(scope))}">` +
      `<td>${escapeHtml(scopeName(scope))}</td><td class="number">${revisions}</td><td class="number">${pushes}</td><td>${status}</td></tr>`
    );
  });
  return `<table class="chains"><thead><tr><th>tenant</th><th>revisions</th><th>pushes</th><th>hash chains (revisions and pushes)</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
