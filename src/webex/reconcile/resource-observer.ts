import { isKind, SYSTEM_ENTRY_POINT, type TenantKind } from '../../model/kinds.js';
import type { ModelResource } from '../../model/model.js';
import type { WebexEntity } from '../entities.js';
import { numberKey } from '../lookup.js';
import { KIND_MAPPINGS } from '../mapping/kinds.js';
import type { EntityMapping, FieldChange, NotCarried } from '../mapping/mapping.js';
import { isRefused } from '../mapping/mapping.js';
import {
  carriedFields,
  changedFields,
  readResource,
  type Composite,
} from '../mapping/read-resource.js';
import type { RemoteRef } from '../remote-refs.js';
import type { TenantView } from './live-index.js';
import type { PartPlan, ResourceObservation } from './observation.js';
import { retiredUser } from './retired-user.js';
import { DELETE_ORDER } from './write-order.js';

/** A resource's key in the matches: its address, the entity, the object's key. */
export function partKey(resource: ModelResource, entity: WebexEntity, key: string): string {
  return `${resource.address}\u0000${entity}\u0000${entity === 'dial-number' ? numberKey(key) : key}`;
}

/** A live object matched to a resource's key. */
export interface Matched {
  id: string;
  object: unknown;
  adopted: boolean;
}

/** Set and not a default: worth saying that it does not reach Webex. */
function isSet(value: unknown): boolean {
  return value !== undefined && value !== false && !(Array.isArray(value) && value.length === 0);
}

/**
 * Observes one resource against what is live (observe.ts matched everything first): what it
 * needs written, field by field.
 */
export class ResourceObserver {
  constructor(
    private readonly view: TenantView,
    private readonly matches: ReadonlyMap<string, Matched>,
    private readonly claimed: ReadonlySet<string>,
    private readonly awaitingLicence: ReadonlySet<string>,
    private readonly conflicts: ReadonlyMap<string, { reason: string; keys: readonly string[] }>,
  ) {}

  /** `retiring`: a user gone from the stored state, whose missing objects are not created. */
  observe(resource: ModelResource, retiring = false): ResourceObservation {
    const kindMapping = KIND_MAPPINGS[resource.kind];
    const base = blank(resource.address, resource.kind, resource.name);
    if (kindMapping.notPushed)
      return { ...base, status: 'not-pushed', reason: kindMapping.notPushed };
    const conflict = this.conflicts.get(resource.address);
    if (conflict) return this.refuse(resource, conflict.reason, [], conflict.keys);
    const spec = resource.spec as Record<string, unknown>;
    const notCarried: NotCarried[] = kindMapping.notCarried.filter((n) => isSet(spec[n.field]));
    const assumed: NotCarried[] = [];
    const parts: PartPlan[] = [];
    const refs: RemoteRef[] = [];
    const bodies: Record<string, unknown[]> = {};
    let adopted = false;
    let primaryId: string | undefined;

    for (const mapping of kindMapping.entities) {
      const keys = mapping.keys(resource as ModelResource<TenantKind>);
      for (const key of keys) {
        const found = this.matches.get(partKey(resource, mapping.entity, key));
        if (!found && retiring) continue;
        if (!found && mapping.creatable === false) {
          if (this.awaitingLicence.has(resource.address))
            parts.push({
              entity: mapping.entity,
              key,
              action: 'update',
              afterLicence: true,
              changes: [],
            });
          else notCarried.push(...withoutHome(resource, mapping));
          continue;
        }
        const remote = mapping.toRemote(
          resource as ModelResource<TenantKind>,
          key,
          this.view.lookup,
          found?.object,
        );
        if (isRefused(remote)) return this.refuse(resource, remote.refused, notCarried);
        notCarried.push(...remote.notCarried);
        (bodies[mapping.entity] ??= []).push(remote.body);
        if (!found) {
          const changes = this.partChanges(resource, mapping, key, remote.body, found, notCarried);
          parts.push({ entity: mapping.entity, key, action: 'create', changes });
          assumed.push(...(remote.assumed ?? []));
          continue;
        }
        if (mapping.entity === kindMapping.primary) primaryId = found.id;
        adopted ||= found.adopted;
        refs.push(this.refOf(resource, mapping, key, found));
        const changes = this.partChanges(resource, mapping, key, remote.body, found, notCarried);
        if (changes.length > 0)
          parts.push({ entity: mapping.entity, key, action: 'update', id: found.id, changes });
      }
      parts.push(...this.unwanted(resource, mapping, keys, primaryId));
    }

    const changes = this.resourceChanges(resource, bodies, notCarried, parts);
    const primaryMatched = primaryId !== undefined;
    const status = !primaryMatched ? 'create' : parts.length > 0 ? 'update' : 'in-sync';
    return {
      ...base,
      status,
      changes,
      parts,
      notCarried: unique(notCarried),
      assumed,
      refs,
      adopted,
    };
  }

  /** A recorded address gone from the stored state: delete its objects (retire a user). */
  observeRemoved(address: string): ResourceObservation {
    const [, kind = '', ...rest] = address.split('/');
    const name = rest.join('/');
    const base = blank(address, isKind(kind) ? kind : 'Team', name);
    if (kind === 'User') return this.retire(address);
    if (kind === 'Flow')
      return {
        ...base,
        status: 'not-pushed',
        reason: `the flow store has no delete: delete flow ${name} in Flow Designer`,
      };
    if (kind === 'EntryPoint' && name === SYSTEM_ENTRY_POINT)
      return { ...base, status: 'not-pushed', reason: 'the system entry point is never deleted' };
    const parts: PartPlan[] = [];
    for (const ref of sortedForDelete(this.view.refsOf(address))) {
      const object = this.view.object(ref.entity, ref.id) as { active?: boolean } | undefined;
      if (object === undefined || this.claimed.has(`${ref.entity}:${ref.id}`)) continue;
      parts.push({
        entity: ref.entity,
        key: ref.key,
        action: 'delete',
        id: ref.id,
        changes: [],
        ...(ref.entity === 'entry-point' && object.active !== false
          ? { deactivateFirst: true }
          : {}),
      });
    }
    return { ...base, status: parts.length > 0 ? 'delete' : 'in-sync', parts };
  }

  /** A user gone from the stored state is retired (retiredUser), not deleted. */
  private retire(address: string): ResourceObservation {
    const observed = this.observe(retiredUser(address), true);
    const changed = observed.parts.length > 0;
    return {
      ...observed,
      status: changed ? 'delete' : 'in-sync',
      // Once retired, nothing of it is ccac's to record.
      refs: changed ? observed.refs : [],
      notCarried: [],
      reason: 'the person stays: its contact-center licence and ccac-managed roles are removed',
    };
  }

  /** `another's`: keys of objects another resource writes (not this one's to forget). */
  private refuse(
    resource: ModelResource,
    reason: string,
    notCarried: NotCarried[],
    another: readonly string[] = [],
  ): ResourceObservation {
    // What it would have created is not coming: references to it resolve to nothing now.
    for (const mapping of KIND_MAPPINGS[resource.kind].entities)
      for (const key of mapping.keys(resource as ModelResource<TenantKind>)) {
        if (another.includes(partKey(resource, mapping.entity, key))) continue;
        const id = this.view.lookup.id(mapping.entity, key);
        if (id !== undefined && !this.matches.has(partKey(resource, mapping.entity, key)))
          this.view.lookup.forget(mapping.entity, id);
      }
    return {
      ...blank(resource.address, resource.kind, resource.name),
      status: 'refused',
      reason,
      notCarried: unique(notCarried),
    };
  }

  private refOf(
    resource: ModelResource,
    mapping: EntityMapping,
    key: string,
    found: Matched,
  ): RemoteRef {
    const version = (found.object as { version?: number }).version;
    const recorded = this.view
      .refsOf(resource.address)
      .find((r) => r.entity === mapping.entity && r.id === found.id);
    return {
      entity: mapping.entity,
      id: found.id,
      key,
      ...(version === undefined ? {} : { version }),
      ...(recorded?.digest === undefined ? {} : { digest: recorded.digest }),
    };
  }

  /**
   * What differs on one live object: its fields read back, its name, the ids it links to. With
   * no live object (a create), every field ccac sets: what the dry run lists for it.
   */
  private partChanges(
    resource: ModelResource,
    mapping: EntityMapping,
    key: string,
    body: unknown,
    found: Matched | undefined,
    notCarried: readonly NotCarried[],
  ): FieldChange[] {
    if (mapping.compare) {
      const recorded = this.view
        .refsOf(resource.address)
        .find((r) => r.entity === mapping.entity && r.id === found?.id);
      return mapping.compare(body, found?.object, found && recorded);
    }
    const kind = resource.kind as TenantKind;
    const fields = mapping.carries
      .map((c) => c.field)
      .filter((f) => !f.startsWith('metadata.') && !notCarried.some((n) => n.field === f));
    const desired = readResource(kind, { [mapping.entity]: [body] }, this.view.context).spec;
    // A new object is read against nothing (the spec's defaults): what it sets, from nothing.
    const live = readResource(
      kind,
      found ? { [mapping.entity]: [found.object] } : {},
      this.view.context,
    ).spec;
    const changes = changedFields(
      desired as Record<string, unknown>,
      live as Record<string, unknown>,
      fields,
    ).map((change) => (found ? change : { ...change, live: null }));
    const liveKey = found && mapping.keyOf(found.object);
    const normalize = (k: string | undefined) =>
      mapping.entity === 'dial-number' && k ? numberKey(k) : k;
    if (normalize(liveKey) !== normalize(key))
      changes.push({ field: 'metadata.name', live: liveKey ?? null, desired: key });
    for (const link of mapping.links ?? []) {
      const want = (body as Record<string, unknown>)[link.field] as string | undefined;
      const have = (found?.object as Record<string, unknown> | undefined)?.[link.field] as
        string | undefined;
      if (want !== have)
        changes.push({
          field: link.field,
          live: have === undefined ? null : (this.view.lookup.key(link.entity, have) ?? have),
          desired: want === undefined ? null : (this.view.lookup.key(link.entity, want) ?? want),
        });
    }
    return changes;
  }

  /**
   * Objects of an entity that are the resource's but no longer wanted: recorded ones it has no
   * key for now, and (dial numbers) live ones pointing at its primary object. Never one another
   * resource wants.
   */
  private unwanted(
    resource: ModelResource,
    mapping: EntityMapping,
    keys: readonly string[],
    primaryId: string | undefined,
  ): PartPlan[] {
    const wanted = new Set(keys.map((k) => (mapping.entity === 'dial-number' ? numberKey(k) : k)));
    const keyOf = (k: string) => (mapping.entity === 'dial-number' ? numberKey(k) : k);
    const stale = new Map<string, string>();
    for (const ref of this.view.refsOf(resource.address))
      if (
        ref.entity === mapping.entity &&
        !wanted.has(keyOf(ref.key)) &&
        this.view.object(ref.entity, ref.id) !== undefined
      )
        stale.set(ref.id, ref.key);
    const backLink = mapping.links?.find((l) => l.entity === KIND_MAPPINGS[resource.kind].primary);
    if (backLink && primaryId !== undefined)
      for (const [id, object] of this.view.index.get(mapping.entity) ?? []) {
        const key = mapping.keyOf(object);
        if (
          (object as Record<string, unknown>)[backLink.field] === primaryId &&
          key !== undefined &&
          !wanted.has(keyOf(key))
        )
          stale.set(id, key);
      }
    return [...stale]
      .filter(([id]) => !this.claimed.has(`${mapping.entity}:${id}`))
      .map(([id, key]) => ({
        entity: mapping.entity,
        key,
        action: 'delete' as const,
        id,
        changes: [],
      }));
  }

  /** Field by field, the resource as Webex has it against the stored one (both read back alike). */
  private resourceChanges(
    resource: ModelResource,
    bodies: Composite,
    notCarried: readonly NotCarried[],
    parts: readonly PartPlan[],
  ): FieldChange[] {
    const kind = resource.kind as TenantKind;
    // Fields an entity compares its own way (a flow's definition) come from its parts below.
    const ownWay = new Set(
      KIND_MAPPINGS[kind].entities
        .filter((m) => m.compare)
        .flatMap((m) => m.carries.map((c) => c.field)),
    );
    const fields = carriedFields(kind).filter(
      (f) => !ownWay.has(f) && !notCarried.some((n) => n.field === f),
    );
    const desired = readResource(kind, bodies, this.view.context).spec as Record<string, unknown>;
    const live = readResource(kind, this.liveComposite(resource), this.view.context).spec as Record<
      string,
      unknown
    >;
    // Shown as stored; a field the resource leaves out, as Webex will have it.
    const changes: FieldChange[] = changedFields(desired, live, fields).map((change) => ({
      ...change,
      desired: (resource.spec as Record<string, unknown>)[change.field] ?? change.desired,
    }));
    // What only a part shows (a renamed object, a moved link, a flow changed in Flow Designer).
    // A child pointing back at the resource (a dial number) is in the resource's own read already.
    const children = new Set(
      KIND_MAPPINGS[kind].entities
        .filter((m) => m.links?.some((l) => l.entity === KIND_MAPPINGS[kind].primary))
        .map((m) => m.entity),
    );
    // A created part's fields are the resource's own already.
    for (const part of parts)
      if (!children.has(part.entity) && part.action !== 'create')
        for (const change of part.changes)
          if (!changes.some((c) => c.field === change.field)) changes.push(change);
    return changes;
  }

  /** The live objects the resource is made of now, following the links between them. */
  private liveComposite(resource: ModelResource): Composite {
    const kindMapping = KIND_MAPPINGS[resource.kind];
    const primaryMapping = kindMapping.entities.find((m) => m.entity === kindMapping.primary);
    const primary =
      primaryMapping && this.matches.get(partKey(resource, primaryMapping.entity, resource.name));
    const composite: Record<string, unknown[]> = {};
    for (const mapping of kindMapping.entities) {
      const objects: unknown[] = [];
      const forward = primaryMapping?.links?.find((l) => l.entity === mapping.entity);
      const backward = mapping.links?.find((l) => l.entity === kindMapping.primary);
      if (mapping === primaryMapping) {
        if (primary) objects.push(primary.object);
      } else if (forward) {
        // A list the resource only links to (a shared holiday list named by holidayList) is not
        // its to compare: the link is (partChanges).
        if (mapping.keys(resource as ModelResource<TenantKind>).length === 0) continue;
        const id =
          primary &&
          ((primary.object as Record<string, unknown>)[forward.field] as string | undefined);
        const object = this.view.object(mapping.entity, id);
        if (object !== undefined) objects.push(object);
      } else if (backward) {
        if (primary)
          for (const object of this.view.index.get(mapping.entity)?.values() ?? [])
            if ((object as Record<string, unknown>)[backward.field] === primary.id)
              objects.push(object);
      } else
        for (const key of mapping.keys(resource as ModelResource<TenantKind>)) {
          const found = this.matches.get(partKey(resource, mapping.entity, key));
          if (found) objects.push(found.object);
        }
      composite[mapping.entity] = objects;
    }
    return composite;
  }
}

/** What a user without a contact-center user cannot have: the fields its CC user would carry. */
function withoutHome(resource: ModelResource, mapping: EntityMapping): NotCarried[] {
  const spec = resource.spec as Record<string, unknown>;
  return mapping.carries
    .filter(
      (c) => !c.field.startsWith('metadata.') && isSet(spec[c.field]) && spec[c.field] !== 'none',
    )
    .map((c) => ({
      field: c.field,
      why: 'the user has no contact-center licence, so Webex has no contact-center user to carry it',
    }));
}

function sortedForDelete(refs: readonly RemoteRef[]): RemoteRef[] {
  return [...refs].sort((a, b) => DELETE_ORDER.indexOf(a.entity) - DELETE_ORDER.indexOf(b.entity));
}

function unique(list: readonly NotCarried[]): NotCarried[] {
  const seen = new Set<string>();
  return list.filter((n) => {
    const key = `${n.field}\u0000${n.why}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function blank(address: string, kind: ModelResource['kind'], name: string): ResourceObservation {
  return {
    address,
    kind,
    name,
    status: 'in-sync',
    changes: [],
    parts: [],
    notCarried: [],
    assumed: [],
    refs: [],
    adopted: false,
  };
}
