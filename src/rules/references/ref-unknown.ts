import { addressOf } from '../../model/address.js';
import type { Kind } from '../../model/kinds.js';
import type { Model, ModelResource } from '../../model/model.js';
import { didYouMean } from '../../support/closest-name.js';
import type { ConfigContext, ConfigRule, Reporter } from '../rule.js';
import { itemPath } from '../support/resources.js';
import { REFERENCE_FIELDS, type ReferenceField } from './reference-fields.js';

export const refUnknown: ConfigRule = {
  code: 'REF_UNKNOWN',
  severity: 'error',
  stage: 'config',
  source: 'SPEC §2 (references by name within the tenant); seed 004 (flow must exist)',
  summary:
    'A reference (tenant, partner, organization, team, profile, user, queue, flow, entry point, business hours) names a resource the configuration does not declare.',
  check(context, report) {
    const { desired } = context;
    const undeclared = checkTenants(context, report);
    checkPartners(context, report);
    checkOrganizations(context, report);
    // A resource of an undeclared tenant has been reported once, with its tenant: its references
    // would only repeat that mistake (they name resources of the tenant it meant).
    const declaredIn = (resource: ModelResource) => !undeclared.has(resource.tenant ?? '');
    const hint = suggestions(desired);
    for (const reference of REFERENCE_FIELDS)
      checkField(context, reference, report, { declaredIn, hint });
    checkCampaignEntryPoints(desired, report);
  },
};

/** Whether the configuration declares a resource: valid, or refused by the schema. */
function isDeclared(
  context: ConfigContext,
  kind: Kind,
  name: string,
  tenant: string | null = null,
): boolean {
  return (
    context.desired.get(kind, name, tenant) !== undefined ||
    (context.refused?.has(addressOf(kind, name, tenant)) ?? false)
  );
}

/**
 * One error per tenant that resources name and nobody declares, at its first resource, counting
 * the others as its follow-ons: a misspelt tenant once gave an error for each of its 42 resources.
 * Returns the undeclared tenants.
 */
function checkTenants(context: ConfigContext, report: Reporter): Set<string> {
  const { desired } = context;
  const undeclared = new Set<string>();
  const declared = desired.tenants().map((t) => t.name);
  for (const tenant of desired.tenantNames()) {
    if (isDeclared(context, 'Tenant', tenant)) continue;
    undeclared.add(tenant);
    const [first, ...others] = desired.inTenant(tenant);
    if (!first) continue;
    const followOns = others.length;
    const more = followOns > 0 ? `; ${followOns} more resources name it (not listed)` : '';
    const message = `tenant "${tenant}" is not declared${didYouMean(tenant, declared)}${more}`;
    report(first, ['metadata', 'tenant'], message, followOns);
  }
  return undeclared;
}

function checkPartners(context: ConfigContext, report: Reporter): void {
  const { desired } = context;
  for (const tenant of desired.tenants()) {
    const name = tenant.spec.partner;
    if (name === undefined) continue;
    const organization = desired.get('Organization', name);
    if (!organization) {
      if (isDeclared(context, 'Organization', name)) continue;
      const partners = desired
        .organizations()
        .filter((o) => o.spec.type === 'partner')
        .map((o) => o.name);
      report(
        tenant,
        ['spec', 'partner'],
        `partner Organization "${name}" is not declared${didYouMean(name, partners)}`,
      );
    } else if (organization.spec.type !== 'partner')
      report(
        tenant,
        ['spec', 'partner'],
        `partner names Organization "${name}", which is ${organization.spec.type}, not a partner`,
      );
  }
}

function checkOrganizations(context: ConfigContext, report: Reporter): void {
  const { desired } = context;
  for (const user of desired.ofKind('User')) {
    const name = user.spec.organization;
    if (name === undefined || name === user.tenant) continue;
    if (isDeclared(context, 'Organization', name)) continue;
    const known = [user.tenant ?? '', ...desired.organizations().map((o) => o.name)];
    report(
      user,
      ['spec', 'organization'],
      `organization "${name}" of user ${user.name} is neither the tenant ${user.tenant} nor a declared Organization${didYouMean(name, known)}`,
    );
  }
}

interface FieldCheck {
  declaredIn: (resource: ModelResource) => boolean;
  hint: Hint;
}

function checkField(
  context: ConfigContext,
  reference: ReferenceField,
  report: Reporter,
  { declaredIn, hint }: FieldCheck,
): void {
  const { desired } = context;
  const { field, target } = reference;
  const message = (name: string, resource: ModelResource) =>
    `${field} names ${target} "${name}", which tenant ${resource.tenant} does not declare${hint(target, name, resource.tenant ?? '')}`;
  for (const resource of desired.ofKind(reference.kind)) {
    const named = (resource.spec as Record<string, unknown>)[field];
    if (named === undefined || !declaredIn(resource)) continue;
    if (!reference.list) {
      if (!isDeclared(context, target, named as string, resource.tenant))
        report(resource, ['spec', field], message(named as string, resource));
      continue;
    }
    for (const name of named as readonly string[]) {
      if (isDeclared(context, target, name, resource.tenant)) continue;
      report(resource, itemPath(context, resource, field, name), message(name, resource));
    }
  }
}

/** A "did you mean" for a name of a kind in a tenant, or nothing (see suggestions). */
type Hint = (kind: Kind, name: string, tenant: string) => string;

/**
 * The first SUGGESTED_PER_TENANT unknown references of each tenant get a "did you mean": each
 * costs a comparison with every name of its kind, and 40,000 unknown agents among 20,000 users
 * would take minutes. Counted per tenant, so a tenant checked again alone (recheck-scopes.ts)
 * gets the same messages.
 */
function suggestions(model: Model): Hint {
  const given = new Map<string, number>();
  const names = new Map<string, string[]>();
  return (kind, name, tenant) => {
    const count = given.get(tenant) ?? 0;
    if (count >= SUGGESTED_PER_TENANT) return '';
    given.set(tenant, count + 1);
    const key = `${tenant}/${kind}`;
    let candidates = names.get(key);
    if (!candidates) names.set(key, (candidates = model.list(kind, tenant).map((r) => r.name)));
    return didYouMean(name, candidates);
  };
}

const SUGGESTED_PER_TENANT = 100;

/** Campaigns dial out: their entry point must be an outbound-telephony one (SPEC §2). */
function checkCampaignEntryPoints(model: Model, report: Reporter): void {
  for (const campaign of model.ofKind('Campaign')) {
    const name = campaign.spec.entryPoint;
    if (name === undefined) continue;
    const entryPoint = model.get('EntryPoint', name, campaign.tenant);
    if (!entryPoint || entryPoint.spec.channelType === 'outbound-telephony') continue;
    report(
      campaign,
      ['spec', 'entryPoint'],
      `entryPoint names EntryPoint "${name}", which is ${entryPoint.spec.channelType}, not outbound-telephony`,
    );
  }
}
