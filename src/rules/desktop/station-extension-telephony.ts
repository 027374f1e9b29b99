import type { ConfigRule } from '../rule.js';
import { listItems, ofKind } from '../support/resources.js';

export const stationExtensionTelephony: ConfigRule = {
  code: 'STATION_EXTENSION_TELEPHONY',
  severity: 'error',
  stage: 'config',
  source: 'seed 002 (extension login only with a Webex Calling device)',
  summary:
    'A desktop profile allows extension station login in a tenant whose telephony is not webex-calling.',
  check(context, report) {
    const { desired } = context;
    for (const profile of ofKind(desired, 'DesktopProfile')) {
      if (!profile.spec.stationLogin?.includes('extension')) continue;
      const tenant = desired.get('Tenant', profile.tenant ?? '');
      if (!tenant || tenant.spec.telephony === 'webex-calling') continue;
      const item = listItems(context, profile, 'stationLogin').find((i) => i.value === 'extension');
      report(
        profile,
        item?.path ?? ['spec', 'stationLogin'],
        `desktop profile "${profile.name}" allows extension station login, which needs Webex Calling, but tenant ${tenant.name} uses ${tenant.spec.telephony} telephony`,
      );
    }
  },
};
