import type { TenantPush } from '../../operations/push.js';

/**
 * `ccac push --format json`: per tenant its status, problems, the live plan (the calls, with the
 * fields that change), per resource what happened and the refs recorded, the calls by outcome
 * and the audit record. The token is nowhere in these values (webex/client/secret.ts).
 */
export function renderPushJson(results: readonly TenantPush[], dryRun: boolean): string {
  const tenants = results.map((result) => ({
    tenant: result.tenant,
    status: result.status,
    revision: result.revision ?? null,
    problems: result.problems,
    calls: result.plan ?? [],
    ...(dryRun
      ? {}
      : {
          resources: result.outcomes ?? [],
          requests: result.calls ?? null,
          push: result.record ?? null,
        }),
  }));
  return `${JSON.stringify({ dryRun, tenants }, null, 2)}\n`;
}
