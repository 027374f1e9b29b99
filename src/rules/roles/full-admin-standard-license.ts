import type { ConfigRule } from '../rule.js';
import { hasAdminRole } from '../support/admin-roles.js';
import { itemPath } from '../support/resources.js';

export const fullAdminStandardLicense: ConfigRule = {
  code: 'FULL_ADMIN_STANDARD_LICENSE',
  severity: 'warning',
  stage: 'config',
  source: 'seed 000, note after table 1 (full admin with a Standard license)',
  summary:
    'A full-admin holds a standard license, so the Management Portal admin functions are unavailable (Agent Desktop only).',
  check(context, report) {
    for (const user of context.desired.ofKind('User')) {
      if (user.spec.license !== 'standard' || !hasAdminRole(user, 'full-admin')) continue;
      report(
        user,
        itemPath(context, user, 'adminRoles', 'full-admin'),
        `user ${user.name} holds full-admin with a standard license: the Management Portal admin functions are not available to them, only the Agent Desktop`,
      );
    }
  },
};
