import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { unknownTenants } from '../model/unknown-tenants.js';

/**
 * `--tenant` names that are neither declared by the configuration nor stored: what plan and apply
 * refuse before any work. The store is asked only when a name is given.
 */
export async function undeclaredAndUnstored(
  named: readonly string[],
  declared: Iterable<string>,
  reader: { listScopes(): Promise<string[]> },
): Promise<Diagnostic[]> {
  if (named.length === 0) return [];
  const known = [...declared, ...(await reader.listScopes())];
  return unknownTenants(named, known, 'declared or stored');
}
