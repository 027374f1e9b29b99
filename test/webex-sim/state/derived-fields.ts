// Fields the server computes from other objects or from the object itself; recomputed on every
// write, so a client never sets them (a client that sends them back is ignored, as by Webex).
import type { CcEntities, CcEntity, CcType } from './entities.js';
import type { SimOrg } from './sim-org.js';

// Seeded objects may lack what the schema requires (tests build broken ones on purpose).
const count = (items: readonly unknown[] | undefined): number | undefined => items?.length;

type Derive<K extends CcType> = (org: SimOrg, object: CcEntities[K]) => Partial<CcEntities[K]>;

const DERIVED: { [K in CcType]?: Derive<K> } = {
  teams: (org, team) => ({ siteName: org.sites.get(team.siteId ?? '')?.name }),
  businessHours: (_org, hours) => ({ workingHoursCount: count(hours.workingHours) }),
  holidayLists: (_org, list) => ({ holidaysCount: count(list.holidays) }),
  overrides: (_org, list) => ({ overridesCount: count(list.overrides) }),
  users: (org, user) => ({
    siteName: org.sites.get(user.siteId ?? '')?.name,
    userProfileType: org.userProfiles.get(user.userProfileId ?? '')?.profileType,
  }),
};

/** The object with its computed fields set (absent when there is nothing to compute from). */
export function withDerivedFields(org: SimOrg, type: CcType, object: CcEntity): CcEntity {
  const derive = DERIVED[type] as Derive<CcType> | undefined;
  if (!derive) return object;
  const result: Record<string, unknown> = { ...object };
  for (const [name, value] of Object.entries(derive(org, object))) {
    if (value === undefined) delete result[name];
    else result[name] = value;
  }
  return result as CcEntity;
}
