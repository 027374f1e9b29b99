import type { Model, ModelResource } from '../../model/model.js';
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
    checkTenants(desired, report);
    checkPartners(desired, report);
    checkOrganizations(desired, report);
    for (const reference of REFERENCE_FIELDS) checkField(context, reference, report);
    checkCampaignEntryPoints(desired, report);
  },
};

/** Per tenant rather than per resource: one lookup for each tenant named. */
function checkTenants(model: Model, report: Reporter): void {
  for (const tenant of model.tenantNames()) {
    if (model.get('Tenant', tenant)) continue;
    for (const resource of model.inTenant(tenant))
      report(resource, ['metadata', 'tenant'], `tenant "${tenant}" is not declared`);
  }
}

function checkPartners(model: Model, report: Reporter): void {
  for (const tenant of model.tenants()) {
    const name = tenant.spec.partner;
    if (name === undefined) continue;
    const organization = model.get('Organization', name);
    if (!organization)
      report(tenant, ['spec', 'partner'], `partner Organization "${name}" is not declared`);
    else if (organization.spec.type !== 'partner')
      report(
        tenant,
        ['spec', 'partner'],
        `partner names Organization "${name}", which is ${organization.spec.type}, not a partner`,
      );
  }
}

function checkOrganizations(model: Model, report: Reporter): void {
  for (const user of model.ofKind('User')) {
    const name = user.spec.organization;
    if (name === undefined || name === user.tenant || model.get('Organization', name)) continue;
    report(
      user,
      ['spec', 'organization'],
      `organization "${name}" of user ${user.name} is neither the tenant ${user.tenant} nor a declared Organization`,
    );
  }
}

function checkField(context: ConfigContext, reference: ReferenceField, report: Reporter): void {
  const { desired } = context;
  const { field, target } = reference;
  for (const resource of desired.ofKind(reference.kind)) {
    const named = (resource.spec as Record<string, unknown>)[field];
    if (named === undefined) continue;
    if (!reference.list) {
      if (!desired.get(target, named as string, resource.tenant))
        report(resource, ['spec', field], message(reference, named as string, resource));
      continue;
    }
    for (const name of named as readonly string[]) {
      if (desired.get(target, name, resource.tenant)) continue;
      report(
        resource,
        itemPath(context, resource, field, name),
        message(reference, name, resource),
      );
    }
  }
}

function message(reference: ReferenceField, name: string, resource: ModelResource): string {
  return `${reference.field} names ${reference.target} "${name}", which tenant ${resource.tenant} does not declare`;
}

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
