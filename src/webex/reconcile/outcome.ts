import type { Kind } from '../../model/kinds.js';
import type { NotCarried } from '../mapping/mapping.js';
import type { RemoteRef } from '../remote-refs.js';
import type { ResourceObservation } from './observation.js';

/** What happened to a resource in a push: what the store records, and what the output shows. */
export interface ResourceOutcome {
  address: string;
  kind: Kind;
  name: string;
  status: 'in-sync' | 'created' | 'updated' | 'deleted' | 'failed' | 'not-pushed' | 'refused';
  /** The live objects it is carried by now; none for a deleted (or retired) one: forget it. */
  refs: RemoteRef[];
  /** Same-named live objects it was matched to, not created. */
  adopted: boolean;
  /** Write calls made for it (a bulk call counts for each resource it carried). */
  calls: number;
  failures: string[];
  notCarried: NotCarried[];
  assumed: NotCarried[];
  reason?: string;
}

/** Reported as it happens, so the caller can record ids before anything else can go wrong. */
export type PushEvent =
  | { type: 'refs'; address: string; refs: RemoteRef[] }
  | { type: 'failed'; address: string; message: string };

/** Where a resource starts out in a push: what its observation says will happen to it. */
export function initialStatus(resource: ResourceObservation): ResourceOutcome['status'] {
  switch (resource.status) {
    case 'not-pushed':
    case 'refused':
    case 'in-sync':
      return resource.status;
    case 'create':
      return 'created';
    case 'update':
      return 'updated';
    case 'delete':
      return 'deleted';
  }
}

/** A deleted resource that failed nowhere leaves nothing to record. */
export function finish(outcome: ResourceOutcome, observed: ResourceObservation): ResourceOutcome {
  if (outcome.status === 'deleted') return { ...outcome, refs: [] };
  if (observed.status === 'delete' && outcome.status === 'in-sync') return { ...outcome, refs: [] };
  return outcome;
}
