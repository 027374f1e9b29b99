import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../support/closest-name.js';

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
