import type { SimOrg } from '../state/sim-org.js';
import type { SimCall } from '../types.js';
import type { FaultBook } from './faults.js';
import type { ApiName } from './openapi-backends.js';
import type { Recorder } from './recorder.js';

/** What every handler may use of the simulator serving the request. */
export interface SimulatorState {
  readonly ccUrl: string;
  readonly hubUrl: string;
  /** The orgs the token may manage; the first is the token's own org. */
  readonly orgIds: readonly string[];
  readonly faults: FaultBook;
  readonly recorder: Recorder;
  /** The largest page a list answers. */
  pageMax(): number;
  /** The org's state, or undefined when the token may not manage it. */
  managedOrg(orgId: string): SimOrg | undefined;
}

/** The second argument of every handler: the request's simulator, API and call record. */
export interface RequestContext {
  sim: SimulatorState;
  api: ApiName;
  call: SimCall;
}
