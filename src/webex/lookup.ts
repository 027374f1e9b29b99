import { WEBEX_ENTITIES, type LiveObjects, type LiveState, type WebexEntity } from './entities.js';

/** What mappings ask when they build a request: the id of an object by its key. */
export interface Ids {
  id(entity: WebexEntity, key: string): string | undefined;
}

/** What mappings ask when they read an object back: the key of an object by its id. */
export interface Names {
  key(entity: WebexEntity, id: string): string | undefined;
}

/**
 * The key each entity is known by in ccac's terms: its name; a dial number its digits; a
 * contact-center user and a person their e-mail address (lower case); a user profile its type.
 */
const KEY_OF: { [E in WebexEntity]: (object: LiveObjects[E]) => readonly string[] } = {
  site: (o) => keys(o.name),
  'multimedia-profile': (o) => keys(o.name),
  'business-hours': (o) => keys(o.name),
  'holiday-list': (o) => keys(o.name),
  overrides: (o) => keys(o.name),
  'agent-profile': (o) => keys(o.name),
  team: (o) => keys(o.name),
  'contact-service-queue': (o) => keys(o.name),
  'entry-point': (o) => keys(o.name),
  'dial-number': (o) =>
    keys(o.dialledNumber === undefined ? undefined : numberKey(o.dialledNumber)),
  'audio-file': (o) => keys(o.name),
  // System profiles first: when an org has several profiles of a type, that is the one to use.
  'user-profile': (o) => keys(o.profileType),
  flow: (o) => keys(o.name),
  'cc-user': (o) => keys(o.email?.toLowerCase()),
  person: (o) => (o.emails ?? []).map((e) => e.toLowerCase()),
  license: (o) => keys(o.name),
  role: (o) => keys(o.name),
};

function keys(key: string | undefined): readonly string[] {
  return key === undefined || key === '' ? [] : [key];
}

/** A dial number as the lookup keys it: digits only, so "+31 20…" and "3120…" meet. */
export function numberKey(number: string): string {
  return number.replace(/\D/g, '');
}

const PENDING = 'pending:';

interface Identified {
  id?: string;
  systemDefault?: boolean;
}

/**
 * Names ↔ ids per entity type for one organization, built from the listings (the one lookup of
 * STYLE.md practice 11). Objects created during a push are recorded as their ids come back; a
 * dry run `expect`s them, getting a placeholder id that reads back as the same name, so a plan
 * can be built and compared before anything exists.
 */
export class Lookup implements Ids, Names {
  private readonly ids = new Map<WebexEntity, Map<string, string>>();
  private readonly names = new Map<WebexEntity, Map<string, string>>();
  /** Keys held by more than one live object of an entity: the first (by id) is used. */
  readonly ambiguous = new Map<WebexEntity, Set<string>>();

  static fromLive(live: LiveState): Lookup {
    const lookup = new Lookup();
    for (const entity of WEBEX_ENTITIES) {
      const keysOf = KEY_OF[entity] as (object: unknown) => readonly string[];
      const objects = [...(live[entity] as readonly Identified[])];
      if (entity === 'user-profile')
        objects.sort((a, b) => Number(b.systemDefault === true) - Number(a.systemDefault === true));
      else objects.sort((a, b) => compareIds(a.id, b.id));
      for (const object of objects) {
        if (object.id === undefined) continue;
        for (const key of keysOf(object)) lookup.add(entity, key, object.id);
      }
    }
    return lookup;
  }

  id(entity: WebexEntity, key: string): string | undefined {
    return this.ids.get(entity)?.get(entity === 'dial-number' ? numberKey(key) : key);
  }

  key(entity: WebexEntity, id: string): string | undefined {
    if (id.startsWith(PENDING)) return pendingKey(entity, id);
    return this.names.get(entity)?.get(id);
  }

  /** An object created (or found) during a push: its id is known from now on. */
  record(entity: WebexEntity, key: string, id: string): void {
    const normalized = entity === 'dial-number' ? numberKey(key) : key;
    this.map(this.ids, entity).set(normalized, id);
    this.map(this.names, entity).set(id, key);
  }

  /** An object a plan will create: a placeholder id, read back as `key`. */
  expect(entity: WebexEntity, key: string): string {
    const existing = this.id(entity, key);
    if (existing !== undefined) return existing;
    const placeholder = `${PENDING}${entity}:${key}`;
    this.record(entity, key, placeholder);
    return placeholder;
  }

  /** An object deleted during a push. */
  forget(entity: WebexEntity, id: string): void {
    const key = this.names.get(entity)?.get(id);
    this.names.get(entity)?.delete(id);
    if (key !== undefined)
      this.ids.get(entity)?.delete(entity === 'dial-number' ? numberKey(key) : key);
  }

  private add(entity: WebexEntity, key: string, id: string): void {
    const byKey = this.map(this.ids, entity);
    const normalized = entity === 'dial-number' ? numberKey(key) : key;
    if (byKey.has(normalized)) {
      let set = this.ambiguous.get(entity);
      if (!set) this.ambiguous.set(entity, (set = new Set()));
      set.add(key);
    } else byKey.set(normalized, id);
    const byId = this.map(this.names, entity);
    if (!byId.has(id)) byId.set(id, key);
  }

  private map(
    maps: Map<WebexEntity, Map<string, string>>,
    entity: WebexEntity,
  ): Map<string, string> {
    let map = maps.get(entity);
    if (!map) maps.set(entity, (map = new Map()));
    return map;
  }
}

export function isPlaceholder(id: string): boolean {
  return id.startsWith(PENDING);
}

function pendingKey(entity: WebexEntity, id: string): string | undefined {
  const prefix = `${PENDING}${entity}:`;
  return id.startsWith(prefix) ? id.slice(prefix.length) : undefined;
}

function compareIds(a: string | undefined, b: string | undefined): number {
  return (a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0;
}
