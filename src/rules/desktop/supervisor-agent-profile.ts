import type { ConfigRule } from '../rule.js';

export const supervisorAgentProfile: ConfigRule = {
  code: 'SUPERVISOR_AGENT_PROFILE',
  severity: 'error',
  stage: 'config',
  source: 'seed 002 (signing in as supervisor and agent needs a profile that allows both)',
  summary:
    'A supervisor-agent has no desktop profile, or one whose loginRoles do not include both agent and supervisor.',
  check({ desired }, report) {
    for (const user of desired.ofKind('User')) {
      if (user.spec.contactCenterRole !== 'supervisor-agent') continue;
      const name = user.spec.desktopProfile;
      if (name === undefined) {
        report(
          user,
          ['spec', 'contactCenterRole'],
          `user ${user.name} is a supervisor-agent without a desktopProfile; signing in as supervisor and agent needs a profile that allows both login roles`,
        );
        continue;
      }
      const profile = desired.get('DesktopProfile', name, user.tenant);
      if (!profile) continue; // REF_UNKNOWN
      const roles = profile.spec.loginRoles ?? [];
      if (roles.includes('agent') && roles.includes('supervisor')) continue;
      report(
        user,
        ['spec', 'desktopProfile'],
        `user ${user.name} is a supervisor-agent, but desktop profile "${name}" allows login roles [${roles.join(', ')}], not both agent and supervisor`,
      );
    }
  },
};
