import type { ConfigRule } from '../rule.js';

const EXCLUSIVE = ['full-admin', 'cc-service-admin', 'read-only-admin'];

export const roleExclusive: ConfigRule = {
  code: 'ROLE_EXCLUSIVE',
  severity: 'error',
  stage: 'config',
  source: 'seed 000, before table 2 (only one of CCSA, full admin, read-only admin)',
  summary: 'A user holds more than one of full-admin, cc-service-admin and read-only-admin.',
  check({ desired }, report) {
    for (const user of desired.ofKind('User')) {
      const roles = user.spec.adminRoles;
      if (!roles || roles.length < 2) continue; // most users: no filtered copy
      const held = roles.filter((role) => EXCLUSIVE.includes(role));
      if (held.length < 2) continue;
      report(
        user,
        ['spec', 'adminRoles'],
        `user ${user.name} holds ${held.join(' and ')}; a user may hold only one of ${EXCLUSIVE.join(', ')}`,
      );
    }
  },
};
