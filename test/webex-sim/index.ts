// A stateful simulator of the Webex Contact Center configuration API and Control Hub's people,
// licenses and roles, built from the vendored subset of Cisco's specifications (src/webex/openapi):
// for tests, and to try `ccac push` without a Webex org (npm run webex-sim). Not shipped.
export { startWebexSimulator } from './server/simulator.js';
export { FLOW_PROJECT_ID } from './handlers/flows.js';
export { CC_LICENSES, ROLE_NAMES } from './state/tenant-seed.js';
export type { SimOrg } from './state/sim-org.js';
export type { SimCall, SimFault, SimulatorOptions, WebexSimulator } from './types.js';
