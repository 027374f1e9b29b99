import { authorize, type AuthorizeResult } from '../../../src/authz/authorize.js';
import { addressOf, GLOBAL_SCOPE, scopeOf } from '../../../src/model/address.js';
import {
  canonicalOrganization,
  canonicalTenant,
  canonicalUser,
  hashed,
  systemEntryPoint,
} from '../../../src/model/canonicalize.js';
import type { Kind, SpecOf } from '../../../src/model/kinds.js';
import { Model, type CanonicalSpec, type ModelResource } from '../../../src/model/model.js';
import { planChanges } from '../../../src/plan/make-plan.js';
import type { ResourceChange } from '../../../src/model/plan.js';
import type { OrganizationReference } from '../../../src/model/stored-state.js';

export function resource<K extends Kind>(
  kind: K,
  name: string,
  tenant: string | null,
  spec: CanonicalSpec<K>,
  labels?: Record<string, string>,
): ModelResource<K> {
  const value = hashed(labels ? { spec, labels } : { spec });
  return {
    kind,
    name,
    tenant,
    address: addressOf(kind, name, tenant),
    ...value,
  } as ModelResource<K>;
}

export function tenant(
  name: string,
  spec: Partial<SpecOf<'Tenant'>> = {},
): ModelResource<'Tenant'> {
  return resource(
    'Tenant',
    name,
    null,
    canonicalTenant({
      subscription: 'subscription',
      countryOfOperation: 'NL',
      timezone: 'Europe/Amsterdam',
      platform: 'new-platform',
      telephony: 'webex-calling',
      ...spec,
    }),
  );
}

export function org(name: string, spec: SpecOf<'Organization'>): ModelResource<'Organization'> {
  return resource('Organization', name, null, canonicalOrganization(spec));
}

export function user(
  tenantName: string,
  email: string,
  spec: SpecOf<'User'> = {},
  labels?: Record<string, string>,
): ModelResource<'User'> {
  return resource('User', email, tenantName, canonicalUser(spec, tenantName), labels);
}

export function queue(tenantName: string, name: string, spec: Partial<SpecOf<'Queue'>> = {}) {
  return resource('Queue', name, tenantName, {
    channelType: 'chat',
    direction: 'inbound',
    ...spec,
  } as SpecOf<'Queue'>);
}

export function businessHours(
  tenantName: string,
  name: string,
  spec: Partial<SpecOf<'BusinessHours'>> = {},
) {
  return resource('BusinessHours', name, tenantName, {
    timezone: 'Europe/Amsterdam',
    ...spec,
  } as SpecOf<'BusinessHours'>);
}

export { systemEntryPoint };

/**
 * A stored tenant `acme` (managed by the partner `globex`) with one user per row of SPEC §3,
 * plus a few contact-center resources and users to change.
 */
export const ORGANIZATIONS = [org('globex', { type: 'partner' }), org('ext', { type: 'external' })];

export const ACME_USERS = [
  user('acme', 'full@acme.example', { adminRoles: ['full-admin'], license: 'premium' }),
  user('acme', 'pfull@globex.example', { organization: 'globex', adminRoles: ['full-admin'] }),
  user('acme', 'xfull@ext.example', { organization: 'ext', adminRoles: ['full-admin'] }),
  user('acme', 'std@acme.example', { adminRoles: ['full-admin'], license: 'standard' }),
  user('acme', 'ccsa@acme.example', { adminRoles: ['cc-service-admin'] }),
  user('acme', 'xccsa@ext.example', { organization: 'ext', adminRoles: ['cc-service-admin'] }),
  user('acme', 'prov@globex.example', {
    organization: 'globex',
    adminRoles: ['provisioning-admin'],
  }),
  user('acme', 'cprov@acme.example', { adminRoles: ['provisioning-admin'] }),
  user('acme', 'sup@acme.example', { adminRoles: ['supervisor'] }),
  user('acme', 'xsup@ext.example', { organization: 'ext', adminRoles: ['supervisor'] }),
  user('acme', 'ro@acme.example', { adminRoles: ['read-only-admin'] }),
  user('acme', 'pro@globex.example', { organization: 'globex', adminRoles: ['read-only-admin'] }),
  user('acme', 'xro@ext.example', { organization: 'ext', adminRoles: ['read-only-admin'] }),
  user('acme', 'rosup@acme.example', { adminRoles: ['read-only-admin', 'supervisor'] }),
  user('acme', 'agent@acme.example', { license: 'premium', contactCenterRole: 'agent' }),
  user('acme', 'xagent@ext.example', { organization: 'ext', license: 'premium' }),
];

export const ACME = [
  tenant('acme', { partner: 'globex', numbers: ['+31201234567'] }),
  ...ACME_USERS,
  resource('Team', 'sales', 'acme', {}),
  queue('acme', 'sales'),
  businessHours('acme', 'office', {
    shifts: [{ name: 'day', days: ['mon'], start: '09:00', end: '17:00' }],
  }),
];

export const STORED: readonly ModelResource[] = [...ORGANIZATIONS, ...ACME];

/** `resources` with each of `replacements` put in place of the one at its address (or added). */
export function withResources(
  resources: readonly ModelResource[],
  ...replacements: ModelResource[]
): ModelResource[] {
  const byAddress = new Map(resources.map((r) => [r.address, r]));
  for (const r of replacements) byAddress.set(r.address, r);
  return [...byAddress.values()];
}

export function without(resources: readonly ModelResource[], ...addresses: string[]) {
  return resources.filter((r) => !addresses.includes(r.address));
}

export interface Scenario {
  stored: Model;
  desired: Model;
  changes: ResourceChange[];
}

/** Stored against desired over every scope either holds, as the real planner sees it. */
export function scenario(
  desired: readonly ModelResource[],
  stored: readonly ModelResource[] = STORED,
): Scenario {
  const scopes = new Set<string>();
  for (const r of [...stored, ...desired]) scopes.add(scopeOf(r.kind, r.name, r.tenant));
  scopes.add(GLOBAL_SCOPE);
  const storedModel = new Model(stored);
  const desiredModel = new Model(desired);
  return {
    stored: storedModel,
    desired: desiredModel,
    changes: planChanges(desiredModel, storedModel, scopes),
  };
}

export function check(
  actor: string | undefined,
  desired: readonly ModelResource[],
  options: { stored?: readonly ModelResource[]; references?: OrganizationReference[] } = {},
): AuthorizeResult & { changes: ResourceChange[] } {
  const s = scenario(desired, options.stored ?? STORED);
  expectChanges(s.changes);
  const result = authorize({
    actor,
    stored: s.stored,
    desired: s.desired,
    changes: s.changes,
    ...(options.references ? { organizationReferences: options.references } : {}),
  });
  return { ...result, changes: s.changes };
}

function expectChanges(changes: readonly ResourceChange[]): void {
  if (changes.length === 0)
    throw new Error('scenario has no changes: the test would prove nothing');
}

export function codes(result: AuthorizeResult): string[] {
  return result.diagnostics.map((d) => d.code);
}

export function messages(result: AuthorizeResult): string[] {
  return result.diagnostics.map((d) => d.message);
}

/** The stored resource at `address` with `patch` merged into its spec (and `labels`, if given). */
export function edited(
  address: string,
  patch: Record<string, unknown>,
  labels?: Record<string, string>,
  from: readonly ModelResource[] = STORED,
): ModelResource {
  const old = from.find((r) => r.address === address);
  if (!old) throw new Error(`no stored ${address}`);
  const spec = { ...(old.spec as Record<string, unknown>), ...patch };
  delete spec.connectRole; // derived: recomputed by canonicalUser
  for (const key of Object.keys(spec)) if (spec[key] === undefined) delete spec[key];
  const newLabels = labels ?? old.labels;
  if (old.kind === 'User')
    return user(old.tenant ?? '', old.name, spec as SpecOf<'User'>, newLabels);
  if (old.kind === 'Tenant') return tenant(old.name, spec as unknown as SpecOf<'Tenant'>);
  return resource(old.kind, old.name, old.tenant, spec as CanonicalSpec<Kind>, newLabels);
}

/** The stored state with these resources changed or added. */
export function desiredWith(...replacements: ModelResource[]): ModelResource[] {
  return withResources(STORED, ...replacements);
}
