import type { ApiResult } from '../client/api-result.js';
import type { WebexClient } from '../client/webex-client.js';
import type { LiveState } from '../entities.js';
import { importLive, type ImportResult } from './import-live.js';
import { readLive, type ReadLiveOptions } from './read-live.js';

/**
 * `ccac import webex`: everything of the organization read (every page, flow definitions
 * exported) and turned into ccac resources with an import report.
 */
export async function importTenant(
  client: WebexClient,
  context: { tenant: string; tenantTimezone: string | undefined },
  options: Pick<ReadLiveOptions, 'onListed'> = {},
): Promise<ApiResult<ImportResult & { live: LiveState }>> {
  const live = await readLive(client, { ...options, flowDefinitions: true });
  if (!live.ok) return live;
  return {
    ok: true,
    value: { ...importLive(live.value, context), live: live.value },
    headers: live.headers,
  };
}
