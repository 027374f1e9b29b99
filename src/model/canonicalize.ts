import path from 'node:path';
import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { addressOf } from './address.js';
import { sha256, sortKeys } from './canonical-json.js';
import { SYSTEM_ENTRY_POINT, type Kind, type SpecOf } from './kinds.js';
import {
  Model,
  type CanonicalSpec,
  type ConnectRole,
  type ModelResource,
  type ResourceValue,
} from './model.js';
import type { DeclaredResource } from './resource.js';

/**
 * File contents referenced by configurations (flow definitions), keyed by resolved path; for one
 * the reader refused or could not read, why (reported at the reference).
 */
export type Assets = ReadonlyMap<string, string | UnreadableAsset>;

export interface UnreadableAsset {
  unreadable: string;
}

/** Where a Flow's definitionFile points: relative to the YAML file that names it. */
export function assetPath(yamlFile: string, definitionFile: string): string {
  return path.join(path.dirname(yamlFile), definitionFile);
}

export interface CanonicalResult {
  model: Model;
  diagnostics: Diagnostic[];
}

/** A canonical value and the hash it is stored and compared by. */
export interface Canonical {
  value: ResourceValue;
  hash: string;
  /** Its term of its scope's digest, when the parse made it (scope-digest.ts digestTerm). */
  digestTerm?: string;
}

/** A canonical value with the JSON its hash is of: what a cache entry holds, written as it is. */
export interface CanonicalText extends Canonical {
  json: string;
}

/**
 * Declared resources → canonical model. Duplicates keep their first declaration
 * (the DUPLICATE_RESOURCE rule reports them); every tenant gets its system entry point.
 */
export function buildDesiredModel(
  declared: readonly DeclaredResource[],
  assets: Assets,
): CanonicalResult {
  const diagnostics: Diagnostic[] = [];
  const timezones = tenantTimezones(declared);
  const model = new Model();
  for (const resource of declared) {
    if (model.byAddress.has(resource.address)) continue;
    const canonical =
      resource.canonical ??
      canonicalResource(resource, timezones.get(resource.tenant ?? ''), assets, diagnostics);
    model.add(modelResource(resource, canonical));
  }
  for (const [tenant, timezone] of timezones) {
    const address = addressOf('EntryPoint', SYSTEM_ENTRY_POINT, tenant);
    if (!model.byAddress.has(address)) model.add(systemEntryPoint(tenant, timezone));
  }
  return { model, diagnostics };
}

/**
 * Each declared tenant's time zone (the first declaration's), which its entry points inherit.
 * Read from the canonical value when known: a cached resource's spec as written is re-parsed on access.
 */
function tenantTimezones(declared: readonly DeclaredResource[]): Map<string, string> {
  const timezones = new Map<string, string>();
  for (const r of declared) {
    if (r.kind !== 'Tenant' || timezones.has(r.name)) continue;
    const spec = (r.canonical?.value.spec ?? r.spec) as SpecOf<'Tenant'>;
    timezones.set(r.name, spec.timezone);
  }
  return timezones;
}

/** Built field by field rather than spread: this runs once per resource of every plan. */
function modelResource(
  resource: DeclaredResource,
  { value, hash, digestTerm }: Canonical,
): ModelResource {
  const { kind, name, tenant, address, origin } = resource;
  const { labels, spec } = value;
  const made: ModelResource = labels
    ? { kind, name, tenant, address, labels, spec, hash, origin }
    : { kind, name, tenant, address, spec, hash, origin };
  if (digestTerm !== undefined) made.digestTerm = digestTerm;
  return made;
}

/** The entry point the platform creates with every tenant (SPEC §2, seed 004). */
export function systemEntryPoint(tenant: string, timezone: string): ModelResource<'EntryPoint'> {
  const spec = canonicalEntryPoint({ channelType: 'outbound-telephony' }, timezone);
  return {
    kind: 'EntryPoint',
    name: SYSTEM_ENTRY_POINT,
    tenant,
    address: addressOf('EntryPoint', SYSTEM_ENTRY_POINT, tenant),
    ...(hashed({ spec }) as { spec: CanonicalSpec<'EntryPoint'>; hash: string }),
  };
}

function canonicalResource(
  resource: DeclaredResource,
  tenantTimezone: string | undefined,
  assets: Assets,
  diagnostics: Diagnostic[],
): CanonicalText {
  const spec = canonicalSpec(resource, tenantTimezone, assets, diagnostics);
  return withHash(resource.labels ? { labels: resource.labels, spec } : { spec });
}

const NO_ASSETS: Assets = new Map();

/**
 * The canonical value of a declared resource that needs nothing outside its own document: not an
 * entry point taking its tenant's timezone, not a flow reading a definition file. Undefined when
 * it does; the model then canonicalizes it with the whole configuration in view.
 */
export function selfContainedCanonical(resource: DeclaredResource): CanonicalText | undefined {
  if (
    resource.kind === 'EntryPoint' &&
    (resource.spec as SpecOf<'EntryPoint'>).timezone === undefined
  )
    return undefined;
  if (resource.kind === 'Flow' && (resource.spec as SpecOf<'Flow'>).definitionFile !== undefined)
    return undefined;
  const diagnostics: Diagnostic[] = [];
  const canonical = canonicalResource(resource, undefined, NO_ASSETS, diagnostics);
  return diagnostics.length === 0 ? canonical : undefined;
}

/** Sorted keys and a content hash; equal values give equal hashes. */
export function hashed<V extends ResourceValue>(value: V): V & { hash: string } {
  const { value: sorted, hash } = withHash(value);
  // The sorted copy is ours: the hash goes on it rather than on a further spread copy.
  const out = sorted as V & { hash: string };
  out.hash = hash;
  return out;
}

/**
 * The value with keys sorted, and the SHA-256 of its JSON: what the store keeps and compares. The
 * JSON comes along: a cache entry holds it as it is rather than writing the value out again.
 */
function withHash<V extends ResourceValue>(value: V): { value: V; hash: string; json: string } {
  const sorted = sortKeys(value);
  // Already sorted: stringify directly rather than sorting again.
  const json = JSON.stringify(sorted);
  return { value: sorted, hash: sha256(json), json };
}

function canonicalSpec(
  resource: DeclaredResource,
  tenantTimezone: string | undefined,
  assets: Assets,
  diagnostics: Diagnostic[],
): CanonicalSpec<Kind> {
  switch (resource.kind) {
    case 'Organization':
      return canonicalOrganization(resource.spec as SpecOf<'Organization'>);
    case 'Tenant':
      return canonicalTenant(resource.spec as SpecOf<'Tenant'>);
    case 'User':
      return canonicalUser(resource.spec as SpecOf<'User'>, resource.tenant ?? '');
    case 'Queue':
      return canonicalQueue(resource.spec as SpecOf<'Queue'>);
    case 'Campaign':
      return sortSets({ ...(resource.spec as SpecOf<'Campaign'>) }, ['agents']);
    case 'EntryPoint':
      return canonicalEntryPoint(resource.spec as SpecOf<'EntryPoint'>, tenantTimezone);
    case 'Flow':
      return canonicalFlow(resource as DeclaredResource<'Flow'>, assets, diagnostics);
    case 'BusinessHours':
      return canonicalBusinessHours(resource.spec as SpecOf<'BusinessHours'>);
    case 'DesktopProfile':
      return canonicalDesktopProfile(resource.spec as SpecOf<'DesktopProfile'>);
    case 'Team':
      return { ...(resource.spec as SpecOf<'Team'>) };
  }
}

/**
 * The canonical form of a spec that did not come from a file (read from Webex, for drift and
 * import): the same defaults and ordering as a declared one, so the two compare field by field.
 * A Flow's spec is taken as canonical already (its definition, not a file name).
 */
export function canonicalSpecOf<K extends Kind>(
  kind: K,
  spec: CanonicalSpec<K>,
  tenant: string,
  tenantTimezone: string | undefined,
): CanonicalSpec<K> {
  switch (kind) {
    case 'User':
      return canonicalUser(spec as SpecOf<'User'>, tenant) as CanonicalSpec<K>;
    case 'Flow':
      return { ...spec };
    default:
      return canonicalSpec(
        { kind, name: '', tenant, address: '', spec: spec as SpecOf<K>, origin: NO_ORIGIN },
        tenantTimezone,
        NO_ASSETS,
        [],
      ) as CanonicalSpec<K>;
  }
}

const NO_ORIGIN = { file: '', locate: () => ({ file: '', line: 0, column: 0 }) };

export function canonicalOrganization(spec: SpecOf<'Organization'>): SpecOf<'Organization'> {
  return { provisioningPartner: false, contactCenterEnabled: false, ...spec };
}

export function canonicalTenant(spec: SpecOf<'Tenant'>): SpecOf<'Tenant'> {
  return sortSets(
    { restrictUnassignedQueueLogin: false, ...spec, connect: { enabled: false, ...spec.connect } },
    ['numbers'],
  );
}

export function canonicalUser(spec: SpecOf<'User'>, tenant: string): CanonicalSpec<'User'> {
  const out: CanonicalSpec<'User'> = sortSets(
    { organization: tenant, license: 'none', contactCenterRole: 'none', ...spec },
    ['adminRoles', 'teams'],
  );
  const connectRole = connectRoleOf(out.adminRoles ?? []);
  if (connectRole) out.connectRole = connectRole;
  return out;
}

/** Control Hub → Webex Connect role sync (seed 001). */
export function connectRoleOf(adminRoles: readonly string[]): ConnectRole | undefined {
  if (adminRoles.includes('full-admin') || adminRoles.includes('cc-service-admin'))
    return 'tenant-owner';
  if (adminRoles.includes('read-only-admin')) return 'read-only';
  return undefined;
}

function canonicalQueue(spec: SpecOf<'Queue'>): SpecOf<'Queue'> {
  const out = sortSets({ ...spec }, ['agents', 'teams']);
  if (spec.wrapUp) out.wrapUp = { supervisorMayEndEarly: false, ...spec.wrapUp };
  return out;
}

function canonicalEntryPoint(
  spec: SpecOf<'EntryPoint'>,
  tenantTimezone: string | undefined,
): SpecOf<'EntryPoint'> {
  const withDefaults = { active: true, ...spec };
  if (withDefaults.timezone === undefined && tenantTimezone !== undefined)
    withDefaults.timezone = tenantTimezone;
  return sortSets(withDefaults, ['supportNumbers']);
}

function canonicalFlow(
  resource: DeclaredResource<'Flow'>,
  assets: Assets,
  diagnostics: Diagnostic[],
): CanonicalSpec<'Flow'> {
  const { definitionFile, ...rest } = resource.spec;
  if (definitionFile === undefined) return rest;
  const definition = assets.get(assetPath(resource.origin.file, definitionFile));
  if (typeof definition !== 'string') {
    const why = definition === undefined ? '' : `: ${definition.unreadable}`;
    diagnostics.push(
      error('FILE', `definitionFile "${definitionFile}" cannot be read${why}`, {
        address: resource.address,
        place: resource.origin.locate(['spec', 'definitionFile']),
      }),
    );
    return rest;
  }
  return { ...rest, definition };
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

function canonicalBusinessHours(spec: SpecOf<'BusinessHours'>): SpecOf<'BusinessHours'> {
  const out: SpecOf<'BusinessHours'> = { timezone: spec.timezone };
  if (spec.shifts?.length) {
    const shifts = spec.shifts.map((s) => ({ ...s, days: [...s.days].sort(byOrder(WEEKDAYS)) }));
    out.shifts = shifts.sort(byKeys('name', 'start'));
  }
  if (spec.holidayList !== undefined) out.holidayList = spec.holidayList;
  if (spec.holidays?.length)
    out.holidays = spec.holidays.map(canonicalHoliday).sort(byKeys('from', 'name'));
  if (spec.overrides?.length) out.overrides = [...spec.overrides].sort(byKeys('from', 'name'));
  return out;
}

type Holiday = NonNullable<SpecOf<'BusinessHours'>['holidays']>[number];

/** A repeat's interval 1 is its default; its weekdays a set. */
function canonicalHoliday(holiday: Holiday): Holiday {
  if (!holiday.repeat) return holiday;
  const { interval, weekdays, ...repeat } = holiday.repeat;
  return {
    ...holiday,
    repeat: {
      ...repeat,
      ...(interval === undefined || interval === 1 ? {} : { interval }),
      ...(weekdays?.length ? { weekdays: [...weekdays].sort(byOrder(WEEKDAYS)) } : {}),
    },
  };
}

function canonicalDesktopProfile(spec: SpecOf<'DesktopProfile'>): SpecOf<'DesktopProfile'> {
  return sortSets({ rememberCredentials: false, ...spec }, ['loginRoles', 'stationLogin']);
}

/**
 * Lists that are sets: sorted, and dropped when empty, so `[]` and absent compare equal.
 * Changes `spec` itself, always a copy made by the caller; the lists are copied before sorting.
 */
function sortSets<T extends object>(spec: T, keys: readonly (keyof T & string)[]): T {
  for (const key of keys) {
    const list = spec[key] as unknown;
    if (!Array.isArray(list)) continue;
    if (list.length === 0) delete spec[key];
    else spec[key] = sortedCopy(list) as T[typeof key];
  }
  return spec;
}

/**
 * `[...list].sort()`, without the sort when the list is of strings in order already, as most
 * lists are written: the built-in sort allocates its work arrays on every call (≈ 80 MB while
 * 100k resources are read).
 */
function sortedCopy(list: readonly unknown[]): unknown[] {
  return isAscending(list) ? list.slice() : [...list].sort();
}

/** Strings in the default sort's order (UTF-16 code units, as `<` compares them). */
function isAscending(list: readonly unknown[]): boolean {
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (typeof item !== 'string' || (i > 0 && (list[i - 1] as string) > item)) return false;
  }
  return true;
}

function byOrder(order: readonly string[]) {
  return (a: string, b: string) => order.indexOf(a) - order.indexOf(b);
}

function byKeys<T>(...keys: (keyof T)[]) {
  return (a: T, b: T) => {
    for (const key of keys) {
      const x = String(a[key]);
      const y = String(b[key]);
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
}
