import type { Place } from '../../diagnostics/diagnostic.js';
import type { Model } from '../../model/model.js';
import type { DeclaredResource } from '../../model/resource.js';
import type { ConfigRule } from '../rule.js';

export const duplicateResource: ConfigRule = {
  code: 'DUPLICATE_RESOURCE',
  severity: 'error',
  stage: 'config',
  source: 'SPEC §1 (one address, one declaration)',
  summary: 'One address is declared twice; the message names both places.',
  check({ desired, declared }, report) {
    if (keptAll(desired, declared)) return;
    for (const resource of declared) {
      // The model keeps the first declaration of each address (buildDesiredModel): any other
      // declaration is a duplicate.
      const kept = desired.byAddress.get(resource.address)?.origin;
      if (!kept || kept === resource.origin) continue;
      report(
        resource,
        ['metadata', 'name'],
        `${resource.address} is declared twice: also at ${where(kept.locate(['metadata', 'name']))}`,
      );
    }
  },
};

/**
 * Whether the model kept every declaration, so none is a duplicate: besides them it holds only
 * implicit system entry points. Counting those is cheaper than a pass over 100k declarations.
 */
function keptAll(desired: Model, declared: readonly DeclaredResource[]): boolean {
  let implicit = 0;
  for (const entryPoint of desired.ofKind('EntryPoint')) if (!entryPoint.origin) implicit++;
  return desired.size - implicit === declared.length;
}

function where(place: Place): string {
  return `${place.file}:${place.line}:${place.column}`;
}
