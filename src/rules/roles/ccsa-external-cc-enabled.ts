import type { ConfigRule } from '../rule.js';
import { hasAdminRole } from '../support/admin-roles.js';
import { itemPath } from '../support/resources.js';
import { userOrganization } from '../support/organizations.js';

export const ccsaExternalCcEnabled: ConfigRule = {
  code: 'CCSA_EXTERNAL_CC_ENABLED',
  severity: 'error',
  stage: 'config',
  source: 'seed 000, table 2 (no CCSA from an external org with Contact Center enabled)',
  summary:
    'cc-service-admin is held by a user of an external organization that has its own contact center enabled.',
  check(context, report) {
    const { desired } = context;
    for (const user of desired.ofKind('User')) {
      if (!hasAdminRole(user, 'cc-service-admin')) continue;
      const org = userOrganization(desired, user);
      if (org?.kind !== 'external' || !org.organization?.spec.contactCenterEnabled) continue;
      report(
        user,
        itemPath(context, user, 'adminRoles', 'cc-service-admin'),
        `user ${user.name} holds cc-service-admin but is from external organization ${org.name}, which has contactCenterEnabled; the role cannot be granted to its users`,
      );
    }
  },
};
