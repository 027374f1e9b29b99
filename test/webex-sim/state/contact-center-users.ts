// A person becomes a contact-center user as in Webex: the Contact Center license and the Control
// Hub role choose the user profile (Cisco, "Manage user profiles of contact center users", table
// "Webex Contact Center license / Control Hub role / User profile"), mapped again when either
// changes. The configuration API cannot create users, nor change a user's profile type.
import { fromHubId } from '../ids.js';
import type { CcEntities, Person } from './entities.js';
import { editEntity, insertEntity } from './entity-store.js';
import type { SimOrg } from './sim-org.js';
import { CC_LICENSES, ROLE_NAMES } from './tenant-seed.js';

type ProfileType = NonNullable<CcEntities['userProfiles']['profileType']>;

function namesOf(items: Map<string, { name?: string }>, ids: readonly string[] = []): string[] {
  return ids.map((id) => items.get(id)?.name ?? '');
}

/** The user profile type Webex maps a person to, or undefined when it is no CC user. */
export function profileTypeOf(org: SimOrg, person: Person): ProfileType | undefined {
  const licenses = namesOf(org.licenses, person.licenses);
  const roles = namesOf(org.roles, person.roles);
  const admin = roles.includes(ROLE_NAMES.fullAdmin) || roles.includes(ROLE_NAMES.ccServiceAdmin);
  if (licenses.includes(CC_LICENSES.standard)) return 'STANDARD_AGENT';
  if (licenses.includes(CC_LICENSES.premium)) {
    if (admin) return 'ADMINISTRATOR';
    return roles.includes(ROLE_NAMES.supervisor) ? 'SUPERVISOR' : 'PREMIUM_AGENT';
  }
  return admin ? 'ADMINISTRATOR_ONLY' : undefined;
}

function systemProfile(org: SimOrg, type: ProfileType): string {
  const profile = [...org.userProfiles.values()].find(
    (candidate) => candidate.systemDefault && candidate.profileType === type,
  );
  return profile?.id ?? '';
}

/** Control Hub's names, else the email's local part (CC users need both names). */
function namesFor(person: Person): { firstName: string; lastName: string } {
  const local = (person.emails?.[0] ?? 'user').split('@')[0] ?? 'user';
  const [first, ...rest] = (person.displayName ?? '').split(' ').filter(Boolean);
  return {
    firstName: person.firstName || first || local,
    lastName: person.lastName || rest.join(' ') || local,
  };
}

export function userOfPerson(org: SimOrg, personId: string): CcEntities['users'] | undefined {
  const ciUserId = fromHubId('PEOPLE', personId);
  return [...org.users.values()].find((user) => user.ciUserId === ciUserId);
}

/** Brings the CC user of a person in line with its licenses and roles, after a Control Hub write. */
export function syncContactCenterUser(
  org: SimOrg,
  before: Person | undefined,
  after: Person,
): void {
  const type = profileTypeOf(org, after);
  const user = userOfPerson(org, after.id ?? '');
  if (!type) {
    if (user?.active) editEntity(org, 'users', user.id ?? '', { active: false });
    return;
  }
  const names = namesFor(after);
  if (!user) {
    insertEntity(org, 'users', {
      ciUserId: fromHubId('PEOPLE', after.id ?? ''),
      email: after.emails?.[0],
      ...names,
      userProfileId: systemProfile(org, type),
      contactCenterEnabled: false,
      active: true,
    });
    return;
  }
  const remapped = !before || profileTypeOf(org, before) !== type;
  const changes = {
    ...(remapped ? { userProfileId: systemProfile(org, type) } : {}),
    ...(user.active ? {} : { active: true }),
    ...(user.firstName === names.firstName && user.lastName === names.lastName ? {} : names),
  };
  if (Object.keys(changes).length > 0) editEntity(org, 'users', user.id ?? '', changes);
}
