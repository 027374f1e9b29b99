import type { ConfigRule } from '../rule.js';
import { hasAdminRole } from '../support/admin-roles.js';
import { itemPath } from '../support/resources.js';
import { describeOrganization, userOrganization } from '../support/organizations.js';

export const roleNotApplicable: ConfigRule = {
  code: 'ROLE_NOT_APPLICABLE',
  severity: 'error',
  stage: 'config',
  source: 'seed 000, table 1 ("not applicable" cells)',
  summary:
    'An admin role is held by a user of an organization kind it does not apply to: provisioning-admin outside a partner org, supervisor outside the customer org, cc-service-admin in a non-provisioning partner org.',
  check(context, report) {
    const { desired } = context;
    for (const user of desired.ofKind('User')) {
      if (!user.spec.adminRoles?.length) continue;
      const org = userOrganization(desired, user);
      if (!org) continue; // REF_UNKNOWN
      const from = `${user.name} is from ${describeOrganization(org)}`;
      if (hasAdminRole(user, 'provisioning-admin') && org.kind !== 'partner')
        report(
          user,
          itemPath(context, user, 'adminRoles', 'provisioning-admin'),
          `user ${user.name} holds provisioning-admin, which applies only to users of a partner organization; ${from}`,
        );
      if (hasAdminRole(user, 'supervisor') && org.kind !== 'customer')
        report(
          user,
          itemPath(context, user, 'adminRoles', 'supervisor'),
          `user ${user.name} holds the supervisor admin role, which applies only to users of the customer organization; ${from}`,
        );
      // Provisioning partners are CCSA_PROVISIONING_PARTNER's case.
      if (
        hasAdminRole(user, 'cc-service-admin') &&
        org.kind === 'partner' &&
        !org.organization?.spec.provisioningPartner
      )
        report(
          user,
          itemPath(context, user, 'adminRoles', 'cc-service-admin'),
          `user ${user.name} holds cc-service-admin, which does not apply to partner-organization users; ${from}`,
        );
    }
  },
};
