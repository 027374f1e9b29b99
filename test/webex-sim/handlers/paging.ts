// Pages as the two APIs cut them. Contact Center v2 lists: `page` from 0 and `pageSize` (default
// 100, larger sizes cut to the maximum: "the API will automatically adjust the page size"),
// answered as {meta: {orgid, page, pageSize, totalPages, totalRecords, links}, data}. Control Hub:
// `max` people per page and a `Link: <…>; rel="next"` header while more remain.
import { done, refused, type Outcome } from '../state/outcome.js';

/** Contact Center v2 lists answer at most this many a page (Webex's cap; tests lower it). */
export const CC_PAGE_MAX = 1000;

export interface Slice<T> {
  items: T[];
  page: number;
  pageSize: number;
  totalPages: number;
}

export function slice<T>(
  all: readonly T[],
  page: number,
  requested: number,
  max: number,
): Outcome<Slice<T>> {
  if (page < 0) return refused(400, 'page: must not be negative.');
  if (requested < 1) return refused(400, 'pageSize: must be at least 1.');
  const pageSize = Math.min(requested, max);
  return done({
    items: all.slice(page * pageSize, (page + 1) * pageSize),
    page,
    pageSize,
    totalPages: Math.ceil(all.length / pageSize),
  });
}

export interface CcPage<T> {
  meta: {
    orgid: string;
    page: number;
    pageSize: number;
    totalPages: number;
    totalRecords: number;
    links: Record<string, string>;
  };
  data: T[];
}

/** One page of a Contact Center v2 list, with its links (relative, as Webex gives them). */
export function ccPage<T>(
  all: readonly T[],
  query: { page?: number; pageSize?: number },
  context: { orgId: string; listPath: string; max: number },
): Outcome<CcPage<T>> {
  const cut = slice(all, query.page ?? 0, query.pageSize ?? 100, context.max);
  if (!cut.ok) return cut;
  const { page, pageSize, totalPages, items } = cut.value;
  const link = (to: number): string => `${context.listPath}?page=${to}&pageSize=${pageSize}`;
  const last = Math.max(totalPages - 1, 0);
  const links: Record<string, string> = { self: link(page), first: link(0), last: link(last) };
  if (page < last) links.next = link(page + 1);
  if (page > 0) links.prev = link(Math.min(page - 1, last));
  return done({
    meta: { orgid: context.orgId, page, pageSize, totalPages, totalRecords: all.length, links },
    data: items,
  });
}
