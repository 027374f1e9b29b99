// Bulk save: items with requestAction SAVE (create without id, update with id and version) or
// DELETE, each done on its own and answered in one 207 with a status and href per item.
import type { components } from '../../../src/generated/webex-contact-center.js';
import { answer } from '../server/answers.js';
import { ccTrackingId } from '../ids.js';
import type { CcEntity, CcType } from '../state/entities.js';
import { kindOf } from '../state/entity-kinds.js';
import {
  createEntity,
  deleteEntity,
  replaceEntity,
  type WriteContext,
} from '../state/entity-store.js';
import { refused, type Outcome } from '../state/outcome.js';
import type { SimOrg } from '../state/sim-org.js';
import { bodyOf, withCcOrg, type SimHandler } from './common.js';
import { writeContext } from './cc-entities.js';

type BulkItem = { itemIdentifier?: number; requestAction?: string; item?: CcEntity };
type BulkAnswerItem = components['schemas']['BulkResponseItemDTO'];
type Operation = NonNullable<BulkAnswerItem['operationType']>;

/** What a bulk operation may do: contact-center users can only be updated. */
export interface BulkScope {
  create: boolean;
  delete: boolean;
}

function itemOutcome(
  org: SimOrg,
  type: CcType,
  item: BulkItem,
  scope: BulkScope,
  context: WriteContext,
): [Operation, Outcome<CcEntity>] {
  const object = item.item ?? ({} as CcEntity);
  // OrganizationId: "This field is required for all bulk save operations."
  if (object.organizationId !== org.orgId)
    return ['CREATE', refused(400, 'organizationId: is required and must be the org of the path.')];
  const id = object.id;
  if (item.requestAction === 'DELETE') {
    if (!scope.delete) return ['DELETE', refused(400, 'requestAction: DELETE is not supported.')];
    return [
      'DELETE',
      id ? deleteEntity(org, type, id) : refused(400, 'id: is required to delete.'),
    ];
  }
  if (item.requestAction !== 'SAVE')
    return [
      'CREATE',
      refused(400, `requestAction: ${String(item.requestAction)} is not SAVE or DELETE.`),
    ];
  if (id) return ['UPDATE', replaceEntity(org, type, id, object, context)];
  if (!scope.create) return ['CREATE', refused(400, 'id: is required (no create in bulk).')];
  return ['CREATE', createEntity(org, type, object)];
}

const SUCCESS: Record<Operation, number> = { CREATE: 201, UPDATE: 200, DELETE: 204, GET: 200 };

export const bulkSave = (
  type: CcType,
  scope: BulkScope = { create: true, delete: true },
): SimHandler =>
  withCcOrg((c, rc, org) => {
    const items = bodyOf<{ items?: BulkItem[] }>(c).items ?? [];
    const context = writeContext(rc);
    const results = items.map((item): BulkAnswerItem => {
      const [operationType, outcome] = itemOutcome(org, type, item, scope, context);
      const id = outcome.ok ? outcome.value.id : item.item?.id;
      const base = {
        itemIdentifier: item.itemIdentifier,
        operationType,
        ...(id ? { href: `/api/organization/${org.orgId}/${kindOf(type).path}/${id}` } : {}),
      };
      if (outcome.ok) return { ...base, status: SUCCESS[operationType] };
      return {
        ...base,
        status: outcome.status,
        apiError: {
          trackingId: ccTrackingId(),
          error: { key: String(outcome.status), message: [{ description: outcome.description }] },
        },
      };
    });
    return answer(207, { items: results });
  });
