import { duplicateResource } from './references/duplicate-resource.js';
import { refUnknown } from './references/ref-unknown.js';
import { tenantTelephonyRegion } from './tenant/telephony-region.js';
import { tenantVpopDeprecated } from './tenant/vpop-deprecated.js';
import { licenseOverAllocated } from './licenses/over-allocated.js';
import { ccsaExternalCcEnabled } from './roles/ccsa-external-cc-enabled.js';
import { ccsaProvisioningPartner } from './roles/ccsa-provisioning-partner.js';
import { fullAdminStandardLicense } from './roles/full-admin-standard-license.js';
import { roleExclusive } from './roles/role-exclusive.js';
import { roleNotApplicable } from './roles/role-not-applicable.js';
import { stationExtensionTelephony } from './desktop/station-extension-telephony.js';
import { supervisorAgentProfile } from './desktop/supervisor-agent-profile.js';
import { queueAgentUnlicensed } from './queues/agent-unlicensed.js';
import { epFieldChannel } from './entry-points/field-channel.js';
import { epFlowNoBusinessHours } from './entry-points/flow-no-business-hours.js';
import { bhHolidayListWriters } from './business-hours/holiday-list-writers.js';
import { epNumberInUse } from './entry-points/number-in-use.js';
import { epNumberUnknown } from './entry-points/number-unknown.js';
import { epOutboundRouting } from './entry-points/outbound-routing.js';
import { epSocialChannel } from './entry-points/social-channel.js';
import { epSystemProtected } from './entry-points/system-protected.js';
import { epChannelTypeImmutable } from './stored-state/ep-channel-type-immutable.js';
import { epDeleteActive } from './stored-state/ep-delete-active.js';
import { refInUse } from './stored-state/ref-in-use.js';
import { tenantCountryImmutable } from './stored-state/tenant-country-immutable.js';
import type { ConfigRule, Rule, StateRule } from './rule.js';

/** Every rule, grouped by domain. The README's rule table is generated from this list. */
export const RULES: readonly Rule[] = [
  // references
  duplicateResource,
  refUnknown,
  // tenant (services setup wizard)
  tenantTelephonyRegion,
  tenantVpopDeprecated,
  // licenses
  licenseOverAllocated,
  // admin roles
  roleExclusive,
  roleNotApplicable,
  ccsaProvisioningPartner,
  ccsaExternalCcEnabled,
  fullAdminStandardLicense,
  // desktop
  supervisorAgentProfile,
  stationExtensionTelephony,
  // queues and campaigns
  queueAgentUnlicensed,
  // entry points
  epSocialChannel,
  epFieldChannel,
  epOutboundRouting,
  epNumberUnknown,
  epNumberInUse,
  epSystemProtected,
  epFlowNoBusinessHours,
  // business hours
  bhHolidayListWriters,
  // stored state (plan and apply only: they compare with what the store holds)
  refInUse,
  tenantCountryImmutable,
  epChannelTypeImmutable,
  epDeleteActive,
];

export const CONFIG_RULES = RULES.filter((r): r is ConfigRule => r.stage === 'config');
/** Config rules whose findings on a tenant depend on that tenant and the organizations alone. */
export const TENANT_RULES = CONFIG_RULES.filter((r) => r.reach !== 'configuration');
export const STATE_RULES = RULES.filter((r): r is StateRule => r.stage === 'state');
