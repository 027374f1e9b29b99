import { compare } from '../diagnostics/diagnostic.js';
import type { SpecOf } from '../model/kinds.js';
import type { WebexSettings } from '../webex/client/connection.js';
import type { LiveState } from '../webex/entities.js';
import { LICENSE_NAMES } from '../webex/mapping/control-hub-names.js';
import type { ReportLine } from './report-line.js';

type TenantSpec = SpecOf<'Tenant'>;

/** Where each region's data centre is (Webex Contact Center's data centres by region). */
const REGION_COUNTRY: Readonly<Record<WebexSettings['region'], string>> = {
  us1: 'US',
  eu1: 'GB',
  eu2: 'DE',
  anz1: 'AU',
  ca1: 'CA',
  jp1: 'JP',
  sg1: 'SG',
  in1: 'IN',
};

const E164 = /^\+[1-9][0-9]{1,14}$/;

/**
 * The imported Tenant document. Webex holds its licence counts and its numbers, which are read;
 * the services setup wizard's choices (country, subscription, platform, telephony, time zone) no
 * API returns, so they are taken from the Tenant the configuration already declares (`kept`),
 * else guessed from what the org shows, each guess a report line saying to check it.
 */
export function tenantFromLive(
  live: LiveState,
  kept: TenantSpec | undefined,
  webex: WebexSettings,
  tenant: string,
): { spec: TenantSpec; lines: ReportLine[] } {
  const lines: ReportLine[] = [];
  const guess = <K extends keyof TenantSpec>(field: K, value: TenantSpec[K], from: string) => {
    if (kept?.[field] !== undefined) return kept[field];
    lines.push({
      entity: 'tenant',
      name: tenant,
      field,
      why: `not readable from Webex: ${from}; check it`,
    });
    return value;
  };
  const licenses = liveLicenses(live);
  const numbers = [...new Set([...(kept?.numbers ?? []), ...liveNumbers(live)])].sort(compare);
  const spec: TenantSpec = {
    ...kept,
    subscription: guess('subscription', 'subscription', 'taken as a subscription order'),
    countryOfOperation: guess(
      'countryOfOperation',
      REGION_COUNTRY[webex.region],
      `guessed from the region ${webex.region}`,
    ),
    timezone: guess('timezone', mostCommonTimezone(live), 'the time zone most entry points use'),
    platform: guess('platform', 'new-platform', 'taken as the new platform'),
    telephony: guess('telephony', 'webex-calling', 'taken as Webex Calling'),
    ...(licenses ? { licenses } : {}),
    ...(numbers.length > 0 ? { numbers } : {}),
    webex,
  };
  return { spec, lines };
}

/** The contact-center licences bought (GET /licenses), when the org lists them. */
function liveLicenses(live: LiveState): TenantSpec['licenses'] | undefined {
  const units = (name: string) => live.license.find((l) => l.name === name)?.totalUnits;
  const standard = units(LICENSE_NAMES.standard);
  const premium = units(LICENSE_NAMES.premium);
  if (standard === undefined && premium === undefined) return undefined;
  return {
    ...(standard === undefined ? {} : { standard }),
    ...(premium === undefined ? {} : { premium }),
  };
}

/** Every dial number of the org: the numbers its entry points may map (EP_NUMBER_UNKNOWN). */
function liveNumbers(live: LiveState): string[] {
  return live['dial-number'].flatMap((n) =>
    n.dialledNumber !== undefined && E164.test(n.dialledNumber) ? [n.dialledNumber] : [],
  );
}

/** The time zone most entry points (else business hours) say; UTC when none does. */
function mostCommonTimezone(live: LiveState): string {
  const counts = new Map<string, number>();
  const zones = [
    ...live['entry-point'].map((e) => e.timezone),
    ...live['business-hours'].map((b) => b.timezone),
  ];
  for (const zone of zones) if (zone) counts.set(zone, (counts.get(zone) ?? 0) + 1);
  const ranked = [...counts].sort(([a, x], [b, y]) => y - x || compare(a, b));
  return ranked[0]?.[0] ?? 'UTC';
}
