import type { Model, ModelResource } from '../../model/model.js';
import { WEBEX_ENTITIES, type LiveState, type WebexEntity } from '../entities.js';
import { isPlaceholder, Lookup, numberKey } from '../lookup.js';
import type { EntityMapping } from '../mapping/mapping.js';
import type { ReadContext } from '../mapping/read-resource.js';
import type { RecordedRemotes, RemoteRef } from '../remote-refs.js';

/** Live objects by entity and id. */
type LiveIndex = Map<WebexEntity, Map<string, unknown>>;

function indexLive(live: LiveState): LiveIndex {
  const index: LiveIndex = new Map();
  for (const entity of WEBEX_ENTITIES) {
    const byId = new Map<string, unknown>();
    for (const object of live[entity] as readonly { id?: string }[])
      if (object.id !== undefined) byId.set(object.id, object);
    index.set(entity, byId);
  }
  return index;
}

/** The tenant's stored state, what was recorded of it, and what is live: observe's and push's view. */
export class TenantView {
  readonly index: LiveIndex;
  readonly lookup: Lookup;
  readonly context: ReadContext;

  constructor(
    readonly tenant: string,
    readonly model: Model,
    readonly recorded: RecordedRemotes,
    live: LiveState,
  ) {
    this.index = indexLive(live);
    this.lookup = Lookup.fromLive(live);
    this.context = {
      names: this.lookup,
      tenant,
      tenantTimezone: model.get('Tenant', tenant)?.spec.timezone,
    };
  }

  object(entity: WebexEntity, id: string | undefined): unknown {
    return id === undefined ? undefined : this.index.get(entity)?.get(id);
  }

  refsOf(address: string): readonly RemoteRef[] {
    return this.recorded.get(address) ?? [];
  }

  /**
   * The live object a resource's key is carried by: the one ccac recorded, else a same-named one
   * (adopted: never a duplicate). Undefined when there is none yet.
   */
  match(
    resource: ModelResource,
    mapping: EntityMapping,
    key: string,
  ): { id: string; object: unknown; adopted: boolean } | undefined {
    const same =
      mapping.entity === 'dial-number'
        ? (k: string) => numberKey(k) === numberKey(key)
        : (k: string) => k === key;
    const ref = this.refsOf(resource.address).find(
      (r) => r.entity === mapping.entity && same(r.key),
    );
    const recorded = this.object(mapping.entity, ref?.id);
    if (ref && recorded !== undefined) return { id: ref.id, object: recorded, adopted: false };
    const id = this.lookup.id(mapping.entity, key);
    if (id === undefined || isPlaceholder(id)) return undefined;
    const object = this.object(mapping.entity, id);
    return object === undefined ? undefined : { id, object, adopted: true };
  }

  /** Replaces (or adds) a live object after a write or a fresh listing. */
  put(entity: WebexEntity, id: string, object: unknown): void {
    this.index.get(entity)?.set(id, object);
  }

  remove(entity: WebexEntity, id: string): void {
    this.index.get(entity)?.delete(id);
    this.lookup.forget(entity, id);
  }
}
