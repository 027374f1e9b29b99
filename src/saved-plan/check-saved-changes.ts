import { validateResource } from '../config/validate-schema.js';
import { error, type Diagnostic, type Place } from '../diagnostics/diagnostic.js';
import { toDocument } from '../export/export-files.js';
import { addressOf, scopeOf } from '../model/address.js';
import { assetPath, buildDesiredModel, type Assets } from '../model/canonicalize.js';
import { isGlobalKind, isKind, type Kind, type SpecOf } from '../model/kinds.js';
import type { ModelResource, ResourceValue } from '../model/model.js';
import type { DeclaredResource } from '../model/resource.js';
import { diffValues } from '../plan/diff-values.js';
import type { ResourceChange } from '../model/plan.js';
import { NO_KNOWN_HASHES, plannedValue, valueHash, type KnownHash } from '../plan/planned-value.js';

/**
 * A saved plan's changes are input, as a configuration is: anyone can edit the file and make its
 * digest again. Each change must name one resource (its address, kind, tenant and name agree) in
 * a scope the plan covers, once; its action must fit its values; and each value must pass the
 * JSON Schema a YAML document of its kind passes, and the `after` value must be the canonical one
 * ccac makes of that document (defaults filled, sets sorted, derived fields derived). Whether the
 * `before` values are what the store holds is checked under the lock (recheck-saved-plan.ts).
 */
export function checkSavedChanges(
  changes: readonly unknown[],
  scopes: ReadonlySet<string>,
  file: string,
  known: KnownHash = NO_KNOWN_HASHES,
): Diagnostic[] {
  const place: Place = { file, line: 1, column: 1 };
  const out: Diagnostic[] = [];
  const seen = new Map<string, number>();
  for (const [i, change] of changes.entries()) {
    const problem = identityProblem(change, scopes);
    if (problem) {
      out.push(error('PLAN_INVALID', `changes[${i}] ${problem}`, { place }));
      continue;
    }
    const valid = change as ResourceChange;
    const first = seen.get(valid.address);
    if (first !== undefined) {
      const message = `changes[${i}] changes the same resource as changes[${first}]`;
      out.push(error('PLAN_INVALID', message, { place }));
      continue;
    }
    seen.set(valid.address, i);
    const label = changeLabel(valid, i);
    for (const side of ['before', 'after'] as const) {
      const value = valid[side];
      if (value !== null)
        out.push(...checkValue(valid, value, { side, label: `${label} ${side}`, place, known }));
    }
  }
  return out;
}

/**
 * The change named in messages, with its address unless that is far longer than a valid one
 * (206 characters at most: a 63-character tenant, a kind, a 128-character name) can be.
 */
function changeLabel(change: ResourceChange, index: number): string {
  return change.address.length <= 256
    ? `changes[${index}] (${change.address})`
    : `changes[${index}]`;
}

const ACTIONS: ReadonlySet<unknown> = new Set(['create', 'update', 'delete']);

/** Why a change does not name one resource consistently in the plan's scopes (undefined: it does). */
function identityProblem(value: unknown, scopes: ReadonlySet<string>): string | undefined {
  if (!isPlainObject(value)) return 'is not a change';
  const { address, kind, name, tenant, action, before, after } = value;
  if (typeof address !== 'string' || typeof name !== 'string' || !ACTIONS.has(action))
    return 'is not a change as `ccac plan` writes one (address, kind, name, tenant, action)';
  if (!isKind(kind)) return 'names no kind ccac knows';
  if (!isValueOrNull(before) || !isValueOrNull(after))
    return 'has a before or after value that is neither a map nor null';
  // A change's tenant is the resource's; a Tenant's is its own name, an Organization's null.
  const own = isGlobalKind(kind) ? null : tenant;
  const fits =
    kind === 'Tenant'
      ? tenant === name
      : kind === 'Organization'
        ? tenant === null
        : typeof tenant === 'string';
  if (!fits) return `has a tenant that does not fit its kind ${kind}`;
  if (address !== addressOf(kind, name, own as string | null))
    return 'has an address that is not the one its kind, tenant and name make';
  if (!scopes.has(scopeOf(kind, name, own as string | null)))
    return "changes a tenant that is not among the plan's `tenants`";
  if (before === null && after === null) return 'has neither a before nor an after value';
  const expected = before === null ? 'create' : after === null ? 'delete' : 'update';
  if (action !== expected) return `is a ${String(action)} with the values of a ${expected}`;
  return undefined;
}

/** Where a flow's definition is, in the document made of its value (as export writes it). */
const DEFINITION_FILE = 'definition.json';

/**
 * A value is a map of a spec and maybe labels: as the YAML document a user would write of it, it
 * must pass the schema of its kind, and an `after` value must be what ccac makes of it.
 */
function checkValue(
  change: ResourceChange,
  value: ResourceValue,
  {
    side,
    label,
    place,
    known,
  }: { side: 'before' | 'after'; label: string; place: Place; known: KnownHash },
): Diagnostic[] {
  const { labels, spec, ...rest } = value as Partial<ResourceValue> & Record<string, unknown>;
  if (Object.keys(rest).length > 0 || !isPlainObject(spec) || !isPlainObject(labels ?? {})) {
    const message = `${label}: a value is a map of a spec and maybe labels, and nothing else`;
    return [error('PLAN_INVALID', message, { place })];
  }
  let definition: string | undefined;
  const document = toDocument({ ...identity(change), spec, labels }, (text) => {
    definition = text;
    return DEFINITION_FILE;
  });
  const schema = validateResource(document, () => place).map((d) => ({
    ...d,
    message: `${label}: ${d.message}`,
    address: change.address,
  }));
  if (schema.length > 0 || side === 'before') return schema;
  const assets = new Map<string, string>();
  if (definition !== undefined) assets.set(assetPath(place.file, DEFINITION_FILE), definition);
  // The canonical resource's hash is its value's (plannedValue): made once, by the model.
  const canonical = canonicalResource(change, document, assets, place);
  if (canonical && canonical.hash === valueHash(value, change.address, known)) return [];
  const fields = differingFields(canonical && plannedValue(canonical), value);
  const message = `${label}: not the value ccac makes of this spec (it differs in ${fields})`;
  return [error('PLAN_INVALID', message, { address: change.address, place })];
}

/** What ccac makes of a schema-valid resource document, as of one read from a YAML file. */
function canonicalResource(
  change: ResourceChange,
  document: Record<string, unknown>,
  assets: Assets,
  place: Place,
): ModelResource | undefined {
  const { labels } = document.metadata as { labels?: Record<string, string> };
  const declared: DeclaredResource = {
    ...identity(change),
    address: change.address,
    spec: document.spec as SpecOf<Kind>,
    ...(labels ? { labels } : {}),
    origin: { file: place.file, locate: () => place },
  };
  return buildDesiredModel([declared], assets).model.byAddress.get(change.address);
}

/** The first few fields where two values differ, for a message. */
export function differingFields(a: ResourceValue | undefined, b: ResourceValue): string {
  const paths = diffValues(a, b).map((field) => field.path);
  return paths.length > 5 ? `${paths.slice(0, 5).join(', ')}, …` : paths.join(', ');
}

function identity(change: ResourceChange): { kind: Kind; name: string; tenant: string | null } {
  return {
    kind: change.kind,
    name: change.name,
    tenant: isGlobalKind(change.kind) ? null : change.tenant,
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype
  );
}

function isValueOrNull(value: unknown): boolean {
  return value === null || isPlainObject(value);
}
