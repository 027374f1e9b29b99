import { FLOW_PROJECT_ID, type WebexEntity } from '../entities.js';
import type { FieldChange } from '../mapping/mapping.js';
import { batchesOf, type Batch } from './batches.js';
import type { Observation, PartPlan } from './observation.js';

/** One call push would make: what push --dry-run prints. */
export interface PlannedCall {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  /** What the call carries: per resource, the object, what is done to it and the fields that change. */
  items: {
    address: string;
    entity: WebexEntity;
    key: string;
    action: PartPlan['action'] | 'deactivate';
    changes: FieldChange[];
  }[];
}

/** The bulk call of each entity that has one (Contact Center, `O` = /organization/{orgid}). */
const BULK_PATH: Partial<Record<WebexEntity, { method: 'POST' | 'PATCH'; path: string }>> = {
  'holiday-list': { method: 'POST', path: 'holiday-list/bulk' },
  overrides: { method: 'POST', path: 'overrides/bulk' },
  'business-hours': { method: 'POST', path: 'business-hours/bulk' },
  'agent-profile': { method: 'POST', path: 'agent-profile/bulk' },
  team: { method: 'POST', path: 'team/bulk' },
  'contact-service-queue': { method: 'POST', path: 'contact-service-queue/v2/bulk' },
  'entry-point': { method: 'POST', path: 'entry-point/bulk' },
  'dial-number': { method: 'POST', path: 'dial-number/bulk' },
  'cc-user': { method: 'PATCH', path: 'user/bulk' },
};

function bulkPath(
  entity: WebexEntity,
  orgId: string,
): { method: 'POST' | 'PATCH'; path: string } | undefined {
  const bulk = BULK_PATH[entity];
  return bulk && { method: bulk.method, path: `/organization/${orgId}/${bulk.path}` };
}

/** The person fields PUT /people (or a SCIM PATCH) carries; the licence goes by PATCH /licenses/users. */
const PERSON_PUT_FIELDS = new Set(['displayName', 'adminRoles', 'metadata.name']);

/**
 * A SCIM batch: one Bulk call for the new people and the names and roles that change, then one
 * PATCH /licenses/users per live person whose licences change.
 */
function scimCalls(items: PlannedCall['items'], orgId: string): PlannedCall[] {
  const bulk = items.filter(
    (i) => i.action === 'create' || i.changes.some((c) => PERSON_PUT_FIELDS.has(c.field)),
  );
  const licences = items.filter(
    (i) => i.action !== 'create' && i.changes.some((c) => c.field === 'license'),
  );
  return [
    ...(bulk.length
      ? [{ method: 'POST' as const, path: `/identity/scim/${orgId}/v2/Bulk`, items: bulk }]
      : []),
    ...licences.map((item) => ({
      method: 'PATCH' as const,
      path: '/licenses/users',
      items: [item],
    })),
  ];
}

/** The calls an observation's writes take, in the order push makes them. Reads are not shown. */
export function livePlan(observation: Observation, orgId: string): PlannedCall[] {
  return batchesOf(observation).flatMap((batch) => callsOf(batch, orgId));
}

function callsOf(batch: Batch, orgId: string): PlannedCall[] {
  const items = batch.items.map(({ address, part }) => ({
    address,
    entity: part.entity,
    key: part.key,
    action: batch.action === 'deactivate' ? ('deactivate' as const) : part.action,
    changes:
      batch.action === 'deactivate'
        ? [{ field: 'active', live: true, desired: false }]
        : part.changes,
  }));
  if (batch.scimBulk) return scimCalls(items, orgId);
  const bulk = bulkPath(batch.entity, orgId);
  if (bulk) return [{ ...bulk, items }];
  const [item] = items;
  const part = batch.items[0]?.part;
  if (!item || !part) return [];
  switch (batch.entity) {
    case 'site':
      return [{ method: 'POST', path: `/organization/${orgId}/site`, items }];
    case 'flow': {
      const flows = `/flow-store/${orgId}/project/${FLOW_PROJECT_ID}/flows`;
      return [
        { method: 'POST', path: `${flows}:import?overwrite=yes`, items },
        { method: 'POST', path: `${flows}/${part.id ?? `{${part.key}}`}:publish`, items },
      ];
    }
    case 'person': {
      if (part.action === 'create') return [{ method: 'POST', path: '/people', items }];
      const calls: PlannedCall[] = [];
      if (part.changes.some((c) => PERSON_PUT_FIELDS.has(c.field)))
        calls.push({ method: 'PUT', path: `/people/${part.id}`, items });
      if (part.changes.some((c) => c.field === 'license'))
        calls.push({ method: 'PATCH', path: '/licenses/users', items });
      return calls;
    }
    default:
      return [];
  }
}
