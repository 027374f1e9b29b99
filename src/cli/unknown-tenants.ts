import { unknownTenants } from '../model/unknown-tenants.js';
import type { ExitCode } from './exit-codes.js';
import { EXIT } from './exit-codes.js';
import type { Output } from './output.js';
import { renderDiagnosticsText } from './render/diagnostics.js';

/**
 * The check every command taking `--tenant` makes before its work: EXIT.error, with the errors
 * shown, when a name is unknown; undefined when every name is known (or none is given).
 */
export async function refuseUnknownTenants(
  output: Output,
  named: readonly string[],
  known: () => Promise<Iterable<string>> | Iterable<string>,
  where = 'declared or stored',
): Promise<ExitCode | undefined> {
  if (named.length === 0) return undefined;
  const unknown = unknownTenants(named, await known(), where);
  if (unknown.length === 0) return undefined;
  output.err(renderDiagnosticsText(unknown, output.color));
  return EXIT.error;
}

/** refuseUnknownTenants for the commands that read the store alone: its scopes are the known. */
export function refuseUnstoredTenants(
  output: Output,
  named: readonly string[],
  store: { listScopes(): Promise<string[]> },
): Promise<ExitCode | undefined> {
  return refuseUnknownTenants(output, named, () => store.listScopes(), 'stored');
}
