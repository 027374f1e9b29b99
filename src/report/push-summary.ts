import type { CallCounts, PushRecord } from '../model/push-record.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * How a push ended, in words. A record still `running` that is not the tenant's latest push was
 * interrupted (kill -9, network gone): a later push started, so it will never be finished. The
 * latest may be running now, or interrupted: the record cannot tell.
 */
export function pushResultText(record: PushRecord, latest: boolean): string {
  if (record.result !== 'running') return record.result;
  return latest ? 'running or interrupted' : 'interrupted';
}

/** A push record's resources, as "created 30, in-sync 3". */
export function pushResourcesText(resources: PushRecord['resources']): string {
  if (!resources) return '';
  return Object.entries(resources)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([status, n]) => `${status} ${n}`)
    .join(', ');
}

/** "12 requests to Webex: 11 ok, 1 refused (4xx)". */
export function callsLine(calls: CallCounts): string {
  const total = Object.values(calls).reduce((sum, n) => sum + n, 0);
  const parts = [
    `${calls.ok} ok`,
    calls.clientError ? `${calls.clientError} refused (4xx)` : '',
    calls.rateLimited ? `${calls.rateLimited} rate-limited (429)` : '',
    calls.serverError ? `${calls.serverError} server errors (5xx)` : '',
    calls.networkError ? `${calls.networkError} without answer` : '',
  ].filter(Boolean);
  return `${plural(total, 'request')} to Webex: ${parts.join(', ')}`;
}
