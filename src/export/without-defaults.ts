import { canonicalSpecOf } from '../model/canonicalize.js';
import type { CanonicalSpec } from '../model/model.js';
import type { Kind } from '../model/kinds.js';
import { deepEqual } from '../plan/diff-values.js';

type Spec = Record<string, unknown>;

/**
 * A stored spec without the values canonical form would fill in anyway: the schema's defaults
 * (`active: true`, `license: none`), derived fields (`connectRole`) and what the tenant supplies
 * (an entry point's `timezone` equal to its tenant's), so an export reads as written by hand and
 * a later tenant time-zone change still reaches the entry points that follow it. A field, or a
 * field of a nested map (`connect.enabled`), is left out only when the spec without it has the
 * same canonical form: the export plans back to no changes by construction.
 */
export function withoutDefaults(
  kind: Kind,
  spec: CanonicalSpec<Kind>,
  tenant: string,
  tenantTimezone: string | undefined,
): Spec {
  // A flow's canonical spec holds its definition, not the file a configuration names.
  if (kind === 'Flow') return { ...(spec as Spec) };
  const canonical = (value: Spec) =>
    canonicalSpecOf(kind, value as CanonicalSpec<Kind>, tenant, tenantTimezone);
  const target = canonical(spec as Spec);
  const same = (value: Spec) => deepEqual(canonical(value), target);
  let out: Spec = { ...(spec as Spec) };
  for (const key of Object.keys(out)) {
    const without = omit(out, key);
    if (same(without)) {
      out = without;
      continue;
    }
    const inner = out[key];
    if (!isMap(inner)) continue;
    for (const field of Object.keys(inner)) {
      const reduced = { ...out, [key]: omit(out[key] as Spec, field) };
      if (same(reduced)) out = reduced;
    }
  }
  return out;
}

function omit(value: Spec, key: string): Spec {
  const out = { ...value };
  delete out[key];
  return out;
}

function isMap(value: unknown): value is Spec {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
