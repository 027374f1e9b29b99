import type { Team, TeamBody } from '../entities.js';
import type { EntityMapping, NotCarried } from './mapping.js';
import { defined, notCarried, webexDescription, without } from './mapping.js';
import { nameProblem } from './webex-names.js';

/**
 * Team → team, on the tenant's site (the lead's decision: one site per tenant, named after it).
 * Membership is carried from the user side (cc-user teamIds): a team update keeps its userIds.
 */
export const teamMapping: EntityMapping<'Team', Team, TeamBody> = {
  entity: 'team',
  kind: 'Team',
  carries: [
    { field: 'metadata.name', to: 'name', note: 'on the site named after the tenant' },
    { field: 'description', to: 'description', note: 'at most 255 characters' },
  ],
  keys: (resource) => [resource.name],
  keyOf: (live) => live.name,

  toRemote(resource, key, ids, live) {
    const problem = nameProblem('team', key, 'any');
    if (problem) return { refused: problem };
    const notCarriedList: NotCarried[] = [];
    const description = webexDescription(
      resource.spec.description,
      live?.description,
      notCarriedList,
    );
    const siteId = live?.siteId ?? ids.id('site', resource.tenant ?? '');
    if (siteId === undefined)
      return { refused: `no site named ${resource.tenant} to put the team on` };
    const body: TeamBody = {
      ...without(live ?? {}, ['siteName']),
      name: key,
      description,
      siteId,
      teamType: live?.teamType ?? 'AGENT',
      teamStatus: live?.teamStatus ?? 'IN_SERVICE',
      active: live?.active ?? true,
      rankQueuesForTeam: live?.rankQueuesForTeam ?? false,
    };
    return { body: defined(body), notCarried: notCarriedList };
  },

  fromRemote(object) {
    const notRepresented: NotCarried[] = [];
    if (object.teamType === 'CAPACITY')
      notRepresented.push(
        notCarried('teamType', 'a capacity-based team: ccac teams are agent-based'),
      );
    return { spec: defined({ description: object.description || undefined }), notRepresented };
  },
};
