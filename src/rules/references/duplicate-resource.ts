import type { Place } from '../../diagnostics/diagnostic.js';
import type { DeclaredResource } from '../../model/resource.js';
import type { ConfigRule } from '../rule.js';

export const duplicateResource: ConfigRule = {
  code: 'DUPLICATE_RESOURCE',
  severity: 'error',
  stage: 'config',
  source: 'SPEC §1 (one address, one declaration)',
  summary: 'One address is declared twice; the message names both places.',
  check({ declared }, report) {
    const first = new Map<string, DeclaredResource>();
    for (const resource of declared) {
      const earlier = first.get(resource.address);
      if (!earlier) {
        first.set(resource.address, resource);
        continue;
      }
      report(
        resource,
        ['metadata', 'name'],
        `${resource.address} is declared twice: also at ${where(earlier.origin.locate(['metadata', 'name']))}`,
      );
    }
  },
};

function where(place: Place): string {
  return `${place.file}:${place.line}:${place.column}`;
}
