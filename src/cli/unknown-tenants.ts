import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../support/closest-name.js';
import type { ExitCode } from './exit-codes.js';
import { EXIT } from './exit-codes.js';
import type { Output } from './output.js';
import { renderDiagnosticsText } from './render/diagnostics.js';

/**
 * `--tenant` names that name none of the `known` tenants: a USAGE error each, with the closest
 * known name. A misspelt tenant once planned "No changes." and verified "0 revisions": it limited
 * the work to nothing. `where` says what was searched ("declared or stored").
 */
export function unknownTenants(
  named: readonly string[],
  known: Iterable<string>,
  where: string,
): Diagnostic[] {
  const names = new Set(known);
  return [...new Set(named)]
    .filter((name) => !names.has(name))
    .map((name) =>
      error(
        'USAGE',
        `--tenant ${name}: no tenant of that name is ${where}${didYouMean(name, names)}`,
      ),
    );
}

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
