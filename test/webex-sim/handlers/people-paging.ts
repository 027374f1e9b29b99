// GET /people: narrowed by email, displayName (prefix), id (up to 85, comma separated), roles,
// locationId; `max` a page (default 100, at most 1000, 100 with callingData); the next page's URL
// in `Link: <…>; rel="next"`, carrying an opaque cursor as Webex does.
import type { RequestContext } from '../server/context.js';
import type { Person } from '../state/entities.js';
import { done, refused, type Outcome } from '../state/outcome.js';
import { slice } from './paging.js';

export interface PeopleQuery {
  email?: string;
  displayName?: string;
  id?: string;
  roles?: string;
  locationId?: string;
  callingData?: boolean;
  max?: number;
  cursor?: string;
  orgId?: string;
  excludeStatus?: boolean;
}

const PEOPLE_MAX = 1000;
const list = (value: string | undefined): string[] | undefined =>
  value?.split(',').map((item) => item.trim());

function chosen(people: readonly Person[], query: PeopleQuery): Person[] {
  const ids = list(query.id);
  const roles = list(query.roles);
  const lower = (value: string | undefined): string => (value ?? '').toLowerCase();
  return people.filter(
    (person) =>
      (!query.email || lower(person.emails?.[0]) === lower(query.email)) &&
      (!query.displayName || lower(person.displayName).startsWith(lower(query.displayName))) &&
      (!ids || ids.includes(person.id ?? '')) &&
      (!roles || roles.some((role) => person.roles?.includes(role))) &&
      (!query.locationId || person.locationId === query.locationId),
  );
}

function offsetOf(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return 0;
  const offset = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  return Number.isInteger(offset) && offset >= 0 ? offset : undefined;
}

function nextLink(rc: RequestContext, query: PeopleQuery, max: number, offset: number): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    if (value !== undefined && name !== 'cursor' && name !== 'max') params.set(name, String(value));
  params.set('max', String(max));
  params.set('cursor', Buffer.from(String(offset)).toString('base64url'));
  return `<${rc.sim.hubUrl}/people?${params}>; rel="next"`;
}

export function peoplePage(
  people: readonly Person[],
  query: PeopleQuery,
  rc: RequestContext,
): Outcome<{ body: object; headers?: Record<string, string> }> {
  const offset = offsetOf(query.cursor);
  if (offset === undefined) return refused(400, 'cursor: not a cursor of this list.');
  const cap = Math.min(query.callingData ? 100 : PEOPLE_MAX, rc.sim.pageMax());
  const all = chosen(people, query);
  const cut = slice(all.slice(offset), 0, Math.floor(query.max ?? 100), cap);
  if (!cut.ok) return refused(400, cut.description.replace('pageSize', 'max'));
  const { items, pageSize } = cut.value;
  const ids = list(query.id);
  const notFoundIds = ids?.filter((id) => !people.some((person) => person.id === id));
  const body = { items, ...(notFoundIds?.length ? { notFoundIds } : {}) };
  const next = offset + items.length;
  return done(
    next < all.length ? { body, headers: { Link: nextLink(rc, query, pageSize, next) } } : { body },
  );
}
