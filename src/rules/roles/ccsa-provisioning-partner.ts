import type { ConfigRule } from '../rule.js';
import { hasAdminRole } from '../support/admin-roles.js';
import { itemPath } from '../support/resources.js';
import { userOrganization } from '../support/organizations.js';

export const ccsaProvisioningPartner: ConfigRule = {
  code: 'CCSA_PROVISIONING_PARTNER',
  severity: 'error',
  stage: 'config',
  source: 'seed 000, table 2 (CCSA cannot go to a user of a provisioning partner org)',
  summary: 'cc-service-admin is held by a user of a provisioning-partner organization.',
  check(context, report) {
    const { desired } = context;
    for (const user of desired.ofKind('User')) {
      if (!hasAdminRole(user, 'cc-service-admin')) continue;
      const org = userOrganization(desired, user);
      if (org?.kind !== 'partner' || !org.organization?.spec.provisioningPartner) continue;
      report(
        user,
        itemPath(context, user, 'adminRoles', 'cc-service-admin'),
        `user ${user.name} holds cc-service-admin but is from provisioning-partner organization ${org.name}; the role cannot be granted to users of a provisioning partner`,
      );
    }
  },
};
