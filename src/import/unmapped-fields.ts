import { canonicalJson } from '../model/canonical-json.js';
import { KINDS } from '../model/kinds.js';
import type { LiveState, WebexEntity } from '../webex/entities.js';
import { Lookup } from '../webex/lookup.js';
import { KIND_MAPPINGS } from '../webex/mapping/kinds.js';
import type { EntityMapping } from '../webex/mapping/mapping.js';
import type { ReportLine } from './report-line.js';

/** Fields every object has that are the API's bookkeeping, not configuration. */
const BOOKKEEPING = new Set([
  'id',
  'version',
  'organizationId',
  'orgId',
  'createdTime',
  'lastUpdatedTime',
  'created',
  'lastModified',
  'createdBy',
  'createdDate',
  'lastModifiedBy',
  'lastModifiedDate',
  'links',
  'definition',
]);

/**
 * Every field the org's objects fill that ccac does not read: one line per entity and field, with
 * how many objects fill it. A field counts as read when taking it away changes what the mapping
 * reads (fromRemote: the spec, or what it reports it cannot hold) or the key it is matched by,
 * which asks the mappings themselves rather than a list kept beside them. A field read whose
 * values ccac cannot all hold is reported by the import's notes, value by value, not here.
 * Links between objects (a business hours' holiday list) are followed by the import, not fields.
 */
export function unmappedFields(live: LiveState): ReportLine[] {
  const names = Lookup.fromLive(live);
  const lines: ReportLine[] = [];
  for (const mapping of entityMappings()) {
    const objects = live[mapping.entity] as readonly Record<string, unknown>[];
    const linked = new Set<string>((mapping.links ?? []).map((l) => l.field));
    const filled = new Map<string, { first: Record<string, unknown>; count: number }>();
    for (const object of objects)
      for (const [field, value] of Object.entries(object)) {
        if (BOOKKEEPING.has(field) || linked.has(field) || isEmpty(value)) continue;
        const seen = filled.get(field);
        if (seen) seen.count++;
        else filled.set(field, { first: object, count: 1 });
      }
    for (const [field, { first, count }] of filled) {
      if (isRead(mapping, first, field, names)) continue;
      lines.push({
        entity: mapping.entity,
        name: `${count} of ${objects.length}`,
        field,
        why: 'not managed by ccac: not in the YAML, and a push leaves it as it is',
      });
    }
  }
  return lines;
}

function isRead(
  mapping: EntityMapping,
  object: Record<string, unknown>,
  field: string,
  names: Lookup,
): boolean {
  const { [field]: _taken, ...without } = object;
  // What the mapping makes of the object: its spec, and what it reports it cannot hold of it (a
  // holiday list read without the holidays it cannot hold, each reported on its own).
  const read = (o: unknown) => {
    const { spec, notRepresented } = mapping.fromRemote(o, names);
    return canonicalJson({ spec, notRepresented });
  };
  return read(object) !== read(without) || mapping.keyOf(object) !== mapping.keyOf(without);
}

/** Each entity some ccac kind reads, once. */
function entityMappings(): EntityMapping[] {
  const seen = new Map<WebexEntity, EntityMapping>();
  for (const kind of KINDS)
    for (const mapping of KIND_MAPPINGS[kind].entities)
      if (!seen.has(mapping.entity)) seen.set(mapping.entity, mapping);
  return [...seen.values()];
}

function isEmpty(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    value === '' ||
    (Array.isArray(value) && value.length === 0) ||
    (typeof value === 'object' && Object.keys(value as object).length === 0)
  );
}
