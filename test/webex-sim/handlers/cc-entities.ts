// The configuration API's operations on one entity type: list (v2, paged), get, create, update
// (PUT with version), delete and bulk save; the same code for every type, told apart by the kind
// table (state/entity-kinds.ts).
import type { Context } from 'openapi-backend';
import { answer, ccError } from '../server/answers.js';
import type { RequestContext } from '../server/context.js';
import type { CcType } from '../state/entities.js';
import {
  createEntity,
  deleteEntity,
  replaceEntity,
  type WriteContext,
} from '../state/entity-store.js';
import {
  answered,
  bodyOf,
  notSimulated,
  pathParam,
  queryOf,
  successStatus,
  withCcOrg,
  type SimHandler,
} from './common.js';
import { narrowed, type ListQuery } from './list-query.js';
import { ccPage } from './paging.js';

/** Where an operation finds the object it writes. */
export type BodySource = (c: Context) => object;
export const requestBody: BodySource = (c) => bodyOf<object>(c);

/** A version-conflict fault turns into a concurrent edit of the object being updated. */
export function writeContext(rc: RequestContext): WriteContext {
  return { concurrentEdit: () => rc.sim.faults.take(['version-conflict'], rc.call) !== undefined };
}

export const listEntities = (type: CcType): SimHandler =>
  withCcOrg((c, rc, org) => {
    const query = queryOf<ListQuery & { page?: number; pageSize?: number }>(c);
    const chosen = narrowed([...org.entities(type).values()], query);
    if (!chosen.ok) return notSimulated(c, rc, chosen.description);
    const listPath = rc.call.path.split('?')[0] ?? '';
    const page = ccPage(chosen.value, query, { orgId: org.orgId, listPath, max: rc.sim.pageMax() });
    return answered(c, rc, page);
  });

export const getEntity = (type: CcType): SimHandler =>
  withCcOrg((c, _rc, org) => {
    const object = org.entities(type).get(pathParam(c, 'id'));
    return object ? answer(200, object) : ccError(404, `${pathParam(c, 'id')} not found.`);
  });

export const createOne = (type: CcType, source: BodySource = requestBody): SimHandler =>
  withCcOrg((c, rc, org) => answered(c, rc, createEntity(org, type, source(c))));

export const updateOne = (type: CcType, source: BodySource = requestBody): SimHandler =>
  withCcOrg((c, rc, org) =>
    answered(c, rc, replaceEntity(org, type, pathParam(c, 'id'), source(c), writeContext(rc))),
  );

export const deleteOne = (type: CcType): SimHandler =>
  withCcOrg((c, rc, org) => {
    const outcome = deleteEntity(org, type, pathParam(c, 'id'));
    return outcome.ok ? answer(successStatus(c)) : answered(c, rc, outcome);
  });
