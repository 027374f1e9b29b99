import { commonSchema } from '../../config/schemas.js';
import { compare } from '../../diagnostics/diagnostic.js';
import { sha256 } from '../../model/canonical-json.js';
import { SYSTEM_ENTRY_POINT, type TenantKind } from '../../model/kinds.js';
import type { CanonicalSpec } from '../../model/model.js';
import type { LiveState, WebexEntity } from '../entities.js';
import { Lookup } from '../lookup.js';
import { holidayListMapping } from '../mapping/holiday-list.js';
import { KIND_MAPPINGS } from '../mapping/kinds.js';
import { readResource, type Composite, type ReadContext } from '../mapping/read-resource.js';
import type { RemoteRef } from '../remote-refs.js';
import { KIND_ORDER } from './write-order.js';

/** A resource read from the organization: what the YAML will say, and what it was read from. */
export interface ImportedResource {
  kind: TenantKind;
  name: string;
  spec: CanonicalSpec<TenantKind>;
  /** The objects it was read from: recorded by `import --adopt`, so the next push matches them. */
  refs: RemoteRef[];
}

/** One line of the import report: what ccac cannot hold, and what to do about a name. */
export interface ImportNote {
  entity: WebexEntity;
  /** The object's name (or number, e-mail), or how many there are for a whole entity. */
  name: string;
  field?: string;
  why: string;
}

export interface ImportResult {
  resources: ImportedResource[];
  notes: ImportNote[];
}

/** Entities ccac has no kind of: each gets one line saying so (and how many). */
const NOT_HELD: Partial<Record<WebexEntity, string>> = {
  site: 'ccac has no sites: teams go on the site named after the tenant',
  'multimedia-profile': 'ccac has no multimedia profiles (a new site takes the first one)',
  'audio-file': 'audio files are referred to by name (musicOnHold), not managed',
  'user-profile': 'user profiles are referred to by type (contactCenterRole), not managed',
};

/** ccac's rules for names, from the schemas (common resourceName; seed 004 for entry points). */
const resourceName = (commonSchema.$defs as Record<string, { pattern: string; maxLength: number }>)
  .resourceName!;
const RESOURCE_NAME = new RegExp(resourceName.pattern);
const ENTRY_POINT_NAME = /^[A-Za-z0-9_-]{1,80}$/;

/**
 * The organization as ccac resources (Terraform's import): every live object of a kind ccac has,
 * read by the same code drift and push compare with (readResource), its linked objects with it
 * (a business hours' lists, an entry point's numbers, a user's person and contact-center user).
 * What cannot be held, and names ccac cannot take, are reported, never dropped silently.
 */
export function importLive(live: LiveState, context: Omit<ReadContext, 'names'>): ImportResult {
  const lookup = Lookup.fromLive(live);
  const read: ReadContext = { ...context, names: lookup };
  const notes: ImportNote[] = [];
  const resources: ImportedResource[] = [];
  const used = new Set<string>();
  const holidays = holidayListOwners(live, lookup);
  notes.push(...holidays.notes);
  // A list a business hours links to is used, whether imported with it or left as it is.
  for (const hours of live['business-hours'])
    if (hours.holidaysId !== undefined) used.add(`holiday-list:${hours.holidaysId}`);

  for (const [entity, why] of Object.entries(NOT_HELD) as [WebexEntity, string][]) {
    const count = live[entity].length;
    if (count > 0) notes.push({ entity, name: `${count} ${entity}${count > 1 ? 's' : ''}`, why });
  }

  for (const kind of KIND_ORDER) {
    const mapping = KIND_MAPPINGS[kind];
    if (mapping.notPushed || !mapping.primary) continue;
    const names = new Set<string>();
    for (const primary of primaries(live, kind)) {
      const composite = compositeOf(live, kind, primary, used, holidays.owners);
      const name = nameOf(kind, primary);
      const id = (primary as { id?: string }).id ?? '';
      const problem = nameProblem(kind, name, names);
      if (problem) {
        notes.push({ entity: mapping.primary, name: name || id, why: problem });
        continue;
      }
      names.add(name);
      const asRead = readResource(kind, composite, read);
      const { spec, notRepresented } =
        kind === 'BusinessHours' ? withLinkedList(asRead, primary, composite, lookup) : asRead;
      for (const note of notRepresented)
        notes.push({ entity: mapping.primary, name, field: note.field, why: note.why });
      resources.push({ kind, name, spec, refs: refsOf(composite, mapping.entities) });
      for (const ref of refsOf(composite, mapping.entities)) used.add(`${ref.entity}:${ref.id}`);
    }
  }
  notes.push(...leftOver(live, used));
  return {
    resources,
    notes: notes.sort((a, b) => compare(a.entity, b.entity) || compare(a.name, b.name)),
  };
}

/** The live objects each resource of a kind starts from. */
function primaries(live: LiveState, kind: TenantKind): readonly unknown[] {
  if (kind !== 'User') return live[KIND_MAPPINGS[kind].primary!];
  // The people that are the contact center's: with a contact-center user, or a role ccac manages.
  const ccEmails = new Set(live['cc-user'].map((u) => u.email?.toLowerCase()));
  const roles = new Set(
    live.role
      .filter((r) =>
        [
          'Full Administrator',
          'Contact Center Service Administrator',
          'Read-only Administrator',
        ].includes(r.name ?? ''),
      )
      .map((r) => r.id),
  );
  return live.person.filter(
    (p) =>
      (p.emails ?? []).some((e) => ccEmails.has(e.toLowerCase())) ||
      (p.roles ?? []).some((r) => roles.has(r)),
  );
}

function nameOf(kind: TenantKind, primary: unknown): string {
  const object = primary as { name?: string; emails?: string[] };
  return kind === 'User' ? (object.emails?.[0]?.toLowerCase() ?? '') : (object.name ?? '');
}

function nameProblem(
  kind: TenantKind,
  name: string,
  taken: ReadonlySet<string>,
): string | undefined {
  if (!RESOURCE_NAME.test(name) || name.length > resourceName.maxLength)
    return `the name cannot be a ccac name (1–128 printable characters, no "/"): rename it in Control Hub`;
  if (kind === 'EntryPoint' && name !== SYSTEM_ENTRY_POINT && !ENTRY_POINT_NAME.test(name))
    return 'an entry point name is letters, digits, _ and - (at most 80, seed 004): rename it in Control Hub';
  if (taken.has(name)) return `a second ${kind} of this name: rename one of them in Control Hub`;
  return undefined;
}

/**
 * Which business hours each holiday list is imported with: one that links to it, the one named
 * like it if any, else the first by name (the others name it by holidayList). A list with a
 * holiday ccac cannot hold is imported with none of them: named by holidayList, it is linked and
 * left as Webex has it, and the report says why.
 */
function holidayListOwners(
  live: LiveState,
  names: Lookup,
): { owners: Map<string, string>; notes: ImportNote[] } {
  const owners = new Map<string, string>();
  const notes: ImportNote[] = [];
  // Business hours whose names ccac cannot take are not imported: never a list's owner.
  const hours = live['business-hours']
    .filter((h) => RESOURCE_NAME.test(h.name) && h.name.length <= resourceName.maxLength)
    .sort((a, b) => compare(a.name, b.name));
  for (const list of live['holiday-list']) {
    const users = hours.filter((h) => h.id !== undefined && h.holidaysId === list.id);
    if (list.id === undefined || users.length === 0) continue;
    const { notRepresented } = holidayListMapping.fromRemote(list, names);
    if (notRepresented.length > 0) {
      const by = users.map((h) => h.name).join(', ');
      for (const note of notRepresented)
        notes.push({
          entity: 'holiday-list',
          name: list.name,
          field: note.field,
          why: `${note.why}: the list is linked from ${by} by holidayList and left as Webex has it`,
        });
      continue;
    }
    const owner = users.find((h) => h.name === list.name) ?? users[0]!;
    owners.set(list.id, owner.id!);
  }
  return { owners, notes };
}

/**
 * A business hours linked to a holiday list it was not imported with names it (holidayList),
 * even when the list is named like it: so a push links it and leaves it as it is.
 */
function withLinkedList(
  read: ReturnType<typeof readResource>,
  primary: unknown,
  composite: Composite,
  names: Lookup,
): ReturnType<typeof readResource> {
  const { holidaysId } = primary as { holidaysId?: string };
  if (holidaysId === undefined || composite['holiday-list']?.length) return read;
  const list = names.key('holiday-list', holidaysId);
  if (list === undefined) return read;
  return { ...read, spec: { ...read.spec, holidayList: list } as typeof read.spec };
}

/** The objects a resource is made of, following the links as drift does. */
function compositeOf(
  live: LiveState,
  kind: TenantKind,
  primary: unknown,
  used: ReadonlySet<string>,
  holidayOwners: ReadonlyMap<string, string>,
): Composite {
  const mapping = KIND_MAPPINGS[kind];
  const object = primary as Record<string, unknown>;
  const composite: Record<string, unknown[]> = { [mapping.primary!]: [primary] };
  const primaryMapping = mapping.entities.find((m) => m.entity === mapping.primary);
  for (const entity of mapping.entities) {
    if (entity === primaryMapping) continue;
    const forward = primaryMapping?.links?.find((l) => l.entity === entity.entity);
    const backward = entity.links?.find((l) => l.entity === mapping.primary);
    const objects = live[entity.entity] as readonly Record<string, unknown>[];
    if (forward)
      composite[entity.entity] = objects.filter(
        (o) =>
          o.id !== undefined &&
          o.id === object[forward.field] &&
          (entity.entity !== 'holiday-list' || holidayOwners.get(o.id as string) === object.id),
      );
    else if (backward)
      composite[entity.entity] = objects.filter((o) => o[backward.field] === object.id);
    else {
      // A user's contact-center user, by e-mail.
      const key = nameOf(kind, primary);
      composite[entity.entity] = objects.filter(
        (o) => entity.keyOf(o) === key && !used.has(`${entity.entity}:${String(o.id)}`),
      );
    }
  }
  return composite;
}

function refsOf(
  composite: Composite,
  entities: (typeof KIND_MAPPINGS)[TenantKind]['entities'],
): RemoteRef[] {
  const refs: RemoteRef[] = [];
  for (const mapping of entities)
    for (const object of composite[mapping.entity] ?? []) {
      const { id, version, definition } = object as {
        id?: string;
        version?: number;
        definition?: string;
      };
      const key = mapping.keyOf(object);
      if (id === undefined || key === undefined) continue;
      refs.push({
        entity: mapping.entity,
        id,
        key,
        ...(version === undefined ? {} : { version }),
        // A flow's exported definition is what the YAML will hold: as if ccac had published it.
        ...(definition === undefined ? {} : { digest: sha256(definition) }),
      });
    }
  return refs;
}

/** Holiday lists, overrides and dial numbers no imported resource uses. */
function leftOver(live: LiveState, used: ReadonlySet<string>): ImportNote[] {
  const notes: ImportNote[] = [];
  const unused: [WebexEntity, string][] = [
    ['holiday-list', 'no business hours uses it: not imported'],
    ['overrides', 'no business hours uses it: not imported'],
    ['dial-number', 'mapped to no entry point ccac imported: not imported'],
  ];
  for (const [entity, why] of unused)
    for (const object of live[entity] as readonly {
      id?: string;
      name?: string;
      dialledNumber?: string;
    }[])
      if (object.id !== undefined && !used.has(`${entity}:${object.id}`))
        notes.push({ entity, name: object.name ?? object.dialledNumber ?? object.id, why });
  return notes;
}
