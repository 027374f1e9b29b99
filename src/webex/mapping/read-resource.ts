import { canonicalJson } from '../../model/canonical-json.js';
import { canonicalSpecOf } from '../../model/canonicalize.js';
import type { TenantKind } from '../../model/kinds.js';
import type { CanonicalSpec } from '../../model/model.js';
import type { WebexEntity } from '../entities.js';
import type { Names } from '../lookup.js';
import { KIND_MAPPINGS } from './kinds.js';
import type { FieldChange, NotCarried, Read } from './mapping.js';

/** The objects one resource is made of, per entity: live ones, or the bodies a push would send. */
export type Composite = Partial<Record<WebexEntity, readonly unknown[]>>;

export interface ReadContext {
  names: Names;
  tenant: string;
  /** The tenant's time zone, which a ccac entry point without one takes. */
  tenantTimezone: string | undefined;
}

/**
 * A resource's spec as its Webex objects say it (Terraform's Read): every entity's read merged —
 * lists joined (one support number per dial number), the rest set — and put in canonical form.
 * The same for drift, import and push's comparison of desired and live.
 */
export function readResource<K extends TenantKind>(
  kind: K,
  composite: Composite,
  context: ReadContext,
): Read<CanonicalSpec<K>> {
  const spec: Record<string, unknown> = {};
  const notRepresented: NotCarried[] = [];
  for (const mapping of KIND_MAPPINGS[kind].entities) {
    for (const object of composite[mapping.entity] ?? []) {
      const read = mapping.fromRemote(object, context.names);
      notRepresented.push(...read.notRepresented);
      for (const [field, value] of Object.entries(read.spec as Record<string, unknown>)) {
        const previous = spec[field];
        spec[field] =
          Array.isArray(previous) && Array.isArray(value) ? [...previous, ...value] : value;
      }
    }
  }
  return {
    spec: canonicalSpecOf(kind, spec as CanonicalSpec<K>, context.tenant, context.tenantTimezone),
    notRepresented,
  };
}

/** The spec fields of a kind that reach Webex (the README's carried rows, metadata.name aside). */
export function carriedFields(kind: TenantKind): string[] {
  const fields = new Set<string>();
  for (const mapping of KIND_MAPPINGS[kind].entities)
    for (const { field } of mapping.carries) if (!field.startsWith('metadata.')) fields.add(field);
  return [...fields];
}

/** Field by field, where two specs differ (values compared in canonical JSON). */
export function changedFields(
  desired: Record<string, unknown>,
  live: Record<string, unknown>,
  fields: readonly string[],
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of fields)
    if (canonicalJson(desired[field] ?? null) !== canonicalJson(live[field] ?? null))
      changes.push({ field, live: live[field] ?? null, desired: desired[field] ?? null });
  return changes;
}
