import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { unknownTenants } from '../model/unknown-tenants.js';

/**
 * `--tenant` names the store does not hold: what the commands reading the store alone (history,
 * drift, report) refuse before their work. The store is asked only when a name is given.
 */
export async function unstoredTenants(
  named: readonly string[],
  store: { listScopes(): Promise<string[]> },
): Promise<Diagnostic[]> {
  if (named.length === 0) return [];
  return unknownTenants(named, await store.listScopes(), 'stored');
}
