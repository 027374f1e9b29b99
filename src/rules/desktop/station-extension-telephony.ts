import type { ConfigRule } from '../rule.js';
import { itemPath } from '../support/resources.js';

export const stationExtensionTelephony: ConfigRule = {
  code: 'STATION_EXTENSION_TELEPHONY',
  severity: 'error',
  stage: 'config',
  source: 'seed 002 (extension login only with a Webex Calling device)',
  summary:
    'A desktop profile allows extension station login in a tenant whose telephony is not webex-calling.',
  check(context, report) {
    const { desired } = context;
    for (const profile of desired.ofKind('DesktopProfile')) {
      if (!profile.spec.stationLogin?.includes('extension')) continue;
      const tenant = desired.get('Tenant', profile.tenant ?? '');
      if (!tenant || tenant.spec.telephony === 'webex-calling') continue;
      report(
        profile,
        itemPath(context, profile, 'stationLogin', 'extension'),
        `desktop profile "${profile.name}" allows extension station login, which needs Webex Calling, but tenant ${tenant.name} uses ${tenant.spec.telephony} telephony`,
      );
    }
  },
};
