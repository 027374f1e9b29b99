// Every operation the simulator serves, by ccac's operationId (src/webex/openapi/operations.json).
import type { ApiName } from '../server/openapi-backends.js';
import { bulkSave } from './cc-bulk.js';
import {
  createOne,
  deleteOne,
  getEntity,
  listEntities,
  updateOne,
  type BodySource,
} from './cc-entities.js';
import type { SimHandler } from './common.js';
import {
  assignLicenses,
  createPersonHandler,
  getPerson,
  listLicenses,
  listPeople,
  listRoles,
  updatePerson,
} from './control-hub.js';
import { scimBulk } from './scim-bulk.js';
import { FALLBACKS } from './fallbacks.js';
import { exportFlow, importFlow, listFlows, publishFlow } from './flows.js';

/** Team create and update take the team as the query parameter `teamDTO`, as published. */
const teamFromQuery: BodySource = (c) => (c.request.query as { teamDTO: object }).teamDTO;

const CONTACT_CENTER: Record<string, SimHandler> = {
  listSites: listEntities('sites'),
  createSite: createOne('sites'),
  listMultimediaProfiles: listEntities('multimediaProfiles'),
  listTeams: listEntities('teams'),
  getTeam: getEntity('teams'),
  createTeam: createOne('teams', teamFromQuery),
  updateTeam: updateOne('teams', teamFromQuery),
  deleteTeam: deleteOne('teams'),
  bulkSaveTeams: bulkSave('teams'),
  listBusinessHours: listEntities('businessHours'),
  getBusinessHours: getEntity('businessHours'),
  createBusinessHours: createOne('businessHours'),
  updateBusinessHours: updateOne('businessHours'),
  deleteBusinessHours: deleteOne('businessHours'),
  bulkSaveBusinessHours: bulkSave('businessHours'),
  listHolidayLists: listEntities('holidayLists'),
  getHolidayList: getEntity('holidayLists'),
  createHolidayList: createOne('holidayLists'),
  updateHolidayList: updateOne('holidayLists'),
  deleteHolidayList: deleteOne('holidayLists'),
  bulkSaveHolidayLists: bulkSave('holidayLists'),
  listOverrides: listEntities('overrides'),
  getOverrides: getEntity('overrides'),
  createOverrides: createOne('overrides'),
  updateOverrides: updateOne('overrides'),
  deleteOverrides: deleteOne('overrides'),
  bulkSaveOverrides: bulkSave('overrides'),
  listAgentProfiles: listEntities('agentProfiles'),
  getAgentProfile: getEntity('agentProfiles'),
  createAgentProfile: createOne('agentProfiles'),
  updateAgentProfile: updateOne('agentProfiles'),
  deleteAgentProfile: deleteOne('agentProfiles'),
  bulkSaveAgentProfiles: bulkSave('agentProfiles'),
  listQueues: listEntities('queues'),
  getQueue: getEntity('queues'),
  createQueue: createOne('queues'),
  updateQueue: updateOne('queues'),
  deleteQueue: deleteOne('queues'),
  bulkSaveQueues: bulkSave('queues'),
  listEntryPoints: listEntities('entryPoints'),
  getEntryPoint: getEntity('entryPoints'),
  createEntryPoint: createOne('entryPoints'),
  updateEntryPoint: updateOne('entryPoints'),
  deleteEntryPoint: deleteOne('entryPoints'),
  bulkSaveEntryPoints: bulkSave('entryPoints'),
  listDialNumbers: listEntities('dialNumbers'),
  getDialNumber: getEntity('dialNumbers'),
  createDialNumber: createOne('dialNumbers'),
  updateDialNumber: updateOne('dialNumbers'),
  deleteDialNumber: deleteOne('dialNumbers'),
  bulkSaveDialNumbers: bulkSave('dialNumbers'),
  listAudioFiles: listEntities('audioFiles'),
  listUserProfiles: listEntities('userProfiles'),
  listUsers: listEntities('users'),
  getUser: getEntity('users'),
  updateUser: updateOne('users'),
  // Contact-center users come from Control Hub: the bulk call only updates them.
  bulkUpdateUsers: bulkSave('users', { create: false, delete: false }),
  listFlows,
  importFlow,
  publishFlow,
  exportFlow,
};

const CONTROL_HUB: Record<string, SimHandler> = {
  listPeople,
  createPerson: createPersonHandler,
  getPerson,
  updatePerson,
  listLicenses,
  assignLicenses,
  listRoles,
  scimBulk,
};

export const HANDLERS: Record<ApiName, Record<string, SimHandler>> = {
  cc: { ...CONTACT_CENTER, ...FALLBACKS },
  hub: { ...CONTROL_HUB, ...FALLBACKS },
};
