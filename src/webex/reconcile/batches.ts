import type { WebexEntity } from '../entities.js';
import { SCIM_BULK_MAX_OPERATIONS } from '../mapping/scim-user.js';
import type { Observation, PartPlan } from './observation.js';
import { DELETE_ORDER, WRITE_ORDER } from './write-order.js';

/** Items per bulk call: the API documents no limit; this keeps one call's failure small. */
const BULK_SIZE = 100;

/**
 * Entities written one object per call: the flow store has no bulk; a person is, unless it goes
 * by SCIM Bulk (byScim).
 */
const ONE_BY_ONE: ReadonlySet<WebexEntity> = new Set(['person', 'flow', 'site']);

export interface BatchItem {
  address: string;
  part: PartPlan;
}

/** Writes that go out together: one bulk call, or one object's calls. */
export interface Batch {
  entity: WebexEntity;
  /** save: create or update; deactivate: an entry point set inactive so it can be deleted. */
  action: 'save' | 'deactivate' | 'delete';
  items: BatchItem[];
  /** People saved by one SCIM 2 Bulk call (POST /identity/scim/{orgId}/v2/Bulk), see byScim. */
  scimBulk?: true;
}

/**
 * People go by SCIM Bulk, 100 a call: new ones with no licence to give, and changes to live
 * ones (their name and roles by SCIM; their licences after, one PATCH /licenses/users each).
 * A new person with a licence goes by POST /people, which carries it: SCIM cannot, and
 * PATCH /licenses/users takes one person a call, so SCIM and then the licence would cost more.
 */
export function byScim(part: PartPlan): boolean {
  if (part.entity !== 'person' || part.action === 'delete') return false;
  if (part.action === 'update') return true;
  const license = part.changes.find((change) => change.field === 'license')?.desired;
  return license === undefined || license === null || license === 'none';
}

/**
 * The writes of an observation in the order they go out: creates and updates in dependency order
 * (bulk where the API has it), then the deactivations deletes need, then deletes in reverse order.
 * push --dry-run shows these; push sends them.
 */
export function batchesOf(observation: Observation, bulkSize: number = BULK_SIZE): Batch[] {
  const batches: Batch[] = [];
  const partsOf = (entity: WebexEntity, accept: (part: PartPlan) => boolean): BatchItem[] =>
    observation.resources.flatMap((resource) =>
      resource.parts
        .filter((part) => part.entity === entity && accept(part))
        .map((part) => ({ address: resource.address, part })),
    );
  const add = (entity: WebexEntity, action: Batch['action'], items: BatchItem[]) => {
    const size = ONE_BY_ONE.has(entity) ? 1 : bulkSize;
    for (let i = 0; i < items.length; i += size)
      batches.push({ entity, action, items: items.slice(i, i + size) });
  };
  if (observation.site.create)
    batches.push({
      entity: 'site',
      action: 'save',
      items: [
        {
          address: `Tenant/${observation.tenant}`,
          part: { entity: 'site', key: observation.tenant, action: 'create', changes: [] },
        },
      ],
    });
  for (const entity of WRITE_ORDER) {
    if (entity === 'person') {
      const scim = partsOf(entity, byScim);
      for (let i = 0; i < scim.length; i += SCIM_BULK_MAX_OPERATIONS)
        batches.push({
          entity,
          action: 'save',
          items: scim.slice(i, i + SCIM_BULK_MAX_OPERATIONS),
          scimBulk: true,
        });
    }
    add(
      entity,
      'save',
      partsOf(entity, (p) => p.action !== 'delete' && !byScim(p)),
    );
  }
  add(
    'entry-point',
    'deactivate',
    partsOf('entry-point', (p) => p.action === 'delete' && p.deactivateFirst === true),
  );
  for (const entity of DELETE_ORDER)
    add(
      entity,
      'delete',
      partsOf(entity, (p) => p.action === 'delete'),
    );
  return batches;
}
