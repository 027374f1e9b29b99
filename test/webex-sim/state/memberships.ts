// Team membership is stored twice (TeamDTO.userIds, UserDTO.teamIds): writing either side sets the
// other, without a new version of the other side's objects (it is one relation, not two edits).
import type { CcEntity, CcType } from './entities.js';
import type { SimOrg } from './sim-org.js';

function withMember(ids: readonly string[] | undefined, id: string, member: boolean): string[] {
  const rest = (ids ?? []).filter((other) => other !== id);
  return member ? [...rest, id] : rest;
}

const sameSet = (a: readonly string[] | undefined, b: readonly string[]): boolean =>
  (a ?? []).length === b.length && b.every((id) => (a ?? []).includes(id));

export function syncMemberships(org: SimOrg, type: CcType, object: CcEntity): void {
  const id = object.id ?? '';
  if (type === 'users') {
    const teamIds = (object as { teamIds?: string[] }).teamIds ?? [];
    for (const team of org.teams.values()) {
      const userIds = withMember(team.userIds, id, teamIds.includes(team.id ?? ''));
      if (!sameSet(team.userIds, userIds)) org.teams.set(team.id ?? '', { ...team, userIds });
    }
  } else if (type === 'teams') {
    const userIds = (object as { userIds?: string[] }).userIds ?? [];
    for (const user of org.users.values()) {
      const teamIds = withMember(user.teamIds, id, userIds.includes(user.id ?? ''));
      if (!sameSet(user.teamIds, teamIds)) org.users.set(user.id ?? '', { ...user, teamIds });
    }
  }
}
