// Creating, replacing and deleting Contact Center objects as the configuration API does:
// server fields set by the server, optimistic locking by `version`, references checked, names
// unique, referenced objects kept. Every function returns the API's refusal as a value.
import { newUuid } from '../ids.js';
import { withDerivedFields } from './derived-fields.js';
import { field, SERVER_FIELDS, CC_TYPES, type CcEntity, type CcType } from './entities.js';
import { kindOf } from './entity-kinds.js';
import { syncMemberships } from './memberships.js';
import { done, refused, type Outcome } from './outcome.js';
import type { SimOrg } from './sim-org.js';

/** What a write needs from the request it serves. */
export interface WriteContext {
  /** True when a version-conflict fault asks for a concurrent edit of the object being updated. */
  concurrentEdit: () => boolean;
}

/** A timestamp after `previous`: two writes in one millisecond still order. */
export const nextTime = (previous = 0): number => Math.max(Date.now(), previous + 1);

function withoutServerFields(body: object): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...body };
  for (const name of SERVER_FIELDS) delete rest[name];
  return rest;
}

function store(org: SimOrg, type: CcType, object: CcEntity): CcEntity {
  const saved = withDerivedFields(org, type, object);
  org.entities(type).set(saved.id ?? '', saved);
  syncMemberships(org, type, saved);
  return saved;
}

/** Puts an object in the org as Webex would have made it, without any check (seeding, tests). */
export function insertEntity(org: SimOrg, type: CcType, fields: object): CcEntity {
  const now = nextTime();
  const given = fields as { id?: string; version?: number };
  return store(org, type, {
    ...fields,
    organizationId: org.orgId,
    id: given.id ?? newUuid(),
    version: given.version ?? 0,
    createdTime: now,
    lastUpdatedTime: now,
  } as CcEntity);
}

/** Changes an object as an administrator would in Control Hub: a new version, no checks. */
export function editEntity(org: SimOrg, type: CcType, id: string, changes: object): CcEntity {
  const current = org.entities(type).get(id);
  if (!current) throw new Error(`no ${type} ${id} in org ${org.orgId}`);
  return store(org, type, {
    ...current,
    ...changes,
    version: (current.version ?? 0) + 1,
    lastUpdatedTime: nextTime(current.lastUpdatedTime),
  } as CcEntity);
}

function nameTaken(org: SimOrg, type: CcType, object: CcEntity, except?: string): boolean {
  const scope = kindOf(type).nameScope;
  if (!scope) return false;
  const key = scope(object);
  if (!key) return false;
  return [...org.entities(type).values()].some(
    (other) => other.id !== except && scope(other) === key,
  );
}

/** The first reference of the object to something the org does not have, as Webex words it. */
function missingReference(org: SimOrg, type: CcType, object: CcEntity): string | undefined {
  const missing = kindOf(type)
    .references(object)
    .find((reference) => !org.has(reference.type, reference.id));
  return missing && `${missing.field}: ${missing.id} not found for given orgId.`;
}

/** The objects that refer to this one (which therefore cannot be deleted). */
function referrers(org: SimOrg, type: CcType, id: string): string[] {
  return CC_TYPES.flatMap((other) =>
    [...org.entities(other).values()]
      .filter((object) =>
        kindOf(other)
          .references(object)
          .some((reference) => reference.type === type && reference.id === id),
      )
      .map((object) => `${kindOf(other).entity} ${String(field(object, 'name') ?? object.id)}`),
  );
}

function brokenRule(org: SimOrg, type: CcType, object: CcEntity): string | undefined {
  return missingReference(org, type, object) ?? kindOf(type).broken?.(object);
}

export function createEntity(org: SimOrg, type: CcType, body: object): Outcome<CcEntity> {
  if (field(body, 'id') !== undefined)
    return refused(400, 'id: must not be specified when creating a resource.');
  const object = withoutServerFields(body) as CcEntity;
  if (nameTaken(org, type, object))
    return refused(409, `${kindOf(type).entity}: a resource with this name already exists.`);
  const broken = brokenRule(org, type, object);
  if (broken) return refused(400, broken);
  return done(insertEntity(org, type, object));
}

function changedImmutable(type: CcType, current: CcEntity, body: object): string | undefined {
  return kindOf(type).immutable.find(
    (name) => JSON.stringify(field(body, name)) !== JSON.stringify(field(current, name)),
  );
}

/** PUT: the body replaces the object; its `version` must be the live one. */
export function replaceEntity(
  org: SimOrg,
  type: CcType,
  id: string,
  body: object,
  context: WriteContext,
): Outcome<CcEntity> {
  const entities = org.entities(type);
  if (!entities.has(id)) return refused(404, `${kindOf(type).entity}: ${id} not found.`);
  if (field(body, 'id') !== undefined && field(body, 'id') !== id)
    return refused(400, `id: ${String(field(body, 'id'))} does not match the path.`);
  if (context.concurrentEdit()) editEntity(org, type, id, {});
  const current = entities.get(id) as CcEntity;
  const version = field(body, 'version');
  if (version === undefined)
    return refused(400, `version: is required to update (current version ${current.version}).`);
  if (version !== current.version)
    return refused(
      412,
      `version: ${String(version)} is stale (current version ${current.version}).`,
    );
  const immutable = changedImmutable(type, current, body);
  if (immutable) return refused(400, `${immutable}: cannot be modified once created.`);
  const object = { ...withoutServerFields(body), id } as CcEntity;
  const change = kindOf(type).refusedChange?.(org, current, object);
  if (change) return refused(400, change);
  if (nameTaken(org, type, object, id))
    return refused(400, `${kindOf(type).entity}: a resource with this name already exists.`);
  const broken = brokenRule(org, type, object);
  if (broken) return refused(400, broken);
  return done(
    store(org, type, {
      ...object,
      organizationId: org.orgId,
      createdTime: current.createdTime,
      ...(field(current, 'systemDefault') === undefined
        ? {}
        : { systemDefault: field(current, 'systemDefault') }),
      version: (current.version ?? 0) + 1,
      lastUpdatedTime: nextTime(current.lastUpdatedTime),
    } as CcEntity),
  );
}

export function deleteEntity(org: SimOrg, type: CcType, id: string): Outcome<CcEntity> {
  const kind = kindOf(type);
  const current = org.entities(type).get(id);
  if (!current) return refused(404, `${kind.entity}: ${id} not found.`);
  const reason = kind.undeletable?.(current);
  if (reason) return refused(412, `${kind.entity}: ${reason}.`);
  const users = referrers(org, type, id);
  if (users.length > 0)
    return refused(
      412,
      `${kind.entity}: resource referred in other entity(s): ${users.join(', ')}.`,
    );
  org.entities(type).delete(id);
  return done(current);
}
