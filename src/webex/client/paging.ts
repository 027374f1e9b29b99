import type { ApiResult } from './api-result.js';

/** Asked of every v2 list; the API lowers it to its maximum and says so in meta.totalPages. */
export const V2_PAGE_SIZE = 1000;
/** The flow store's page size: a page shorter than this is the last. */
const FLOW_PAGE_SIZE = 100;
/** Control Hub's `max` for /people. */
export const PEOPLE_PAGE_SIZE = 1000;

export interface V2Page<T> {
  meta?: { totalPages?: number };
  data?: T[];
}

/**
 * Every item of a v2 list (`{meta, data}`, pages from 0): the first page says how many there are,
 * the others are then asked for at once (the gate bounds how many run together).
 */
export async function listV2Pages<T>(
  fetchPage: (page: number) => Promise<ApiResult<V2Page<T>>>,
): Promise<ApiResult<T[]>> {
  const first = await fetchPage(0);
  if (!first.ok) return first;
  const totalPages = first.value.meta?.totalPages ?? 1;
  const rest = await Promise.all(
    Array.from({ length: Math.max(0, totalPages - 1) }, (_, i) => fetchPage(i + 1)),
  );
  const items = [...(first.value.data ?? [])];
  for (const page of rest) {
    if (!page.ok) return page;
    items.push(...(page.value.data ?? []));
  }
  return { ok: true, value: items, headers: first.headers };
}

/** Every item of a list paged by page/size with no count (the flow store): until a short page. */
export async function listUntilShortPage<T>(
  fetchPage: (page: number, size: number) => Promise<ApiResult<T[]>>,
  size: number = FLOW_PAGE_SIZE,
): Promise<ApiResult<T[]>> {
  const items: T[] = [];
  for (let page = 0; ; page++) {
    const result = await fetchPage(page, size);
    if (!result.ok) return result;
    items.push(...result.value);
    if (result.value.length < size) return { ok: true, value: items, headers: result.headers };
  }
}

/**
 * Every item of a list paged by `Link: <…>; rel="next"` (Control Hub). `follow` is only handed
 * URLs under `base` (the token goes nowhere else); a next link elsewhere is a failure.
 */
export async function listByLinks<T>(
  first: () => Promise<ApiResult<{ items?: T[] }>>,
  follow: (next: URL) => Promise<ApiResult<{ items?: T[] }>>,
  base: string,
): Promise<ApiResult<T[]>> {
  const items: T[] = [];
  let result = await first();
  const seen = new Set<string>();
  for (;;) {
    if (!result.ok) return result;
    items.push(...(result.value.items ?? []));
    const next = nextLink(result.headers.get('link'));
    if (next === undefined) return { ok: true, value: items, headers: result.headers };
    const url = safeNext(next, base);
    if (url === undefined || seen.has(url.href))
      return {
        ok: false,
        failure: { message: 'Control Hub gave a next-page link ccac does not follow' },
      };
    seen.add(url.href);
    result = await follow(url);
  }
}

/** The `rel="next"` target of a Link header (RFC 8288), if any. */
export function nextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (match && /;\s*rel="?(?:[^";]*\s)?next(?:\s[^";]*)?"?\s*(?:;|$)/i.test(match[2]!))
      return match[1];
  }
  return undefined;
}

function safeNext(next: string, base: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return undefined;
  }
  const root = new URL(base.endsWith('/') ? base : `${base}/`);
  return url.origin === root.origin && url.pathname.startsWith(root.pathname) ? url : undefined;
}
