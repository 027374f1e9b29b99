import type { Context } from 'openapi-backend';
import type { RequestContext } from '../server/context.js';
import { answer, apiError, ccError } from '../server/answers.js';
import type { Outcome } from '../state/outcome.js';
import type { SimOrg } from '../state/sim-org.js';
import type { SimAnswer } from '../types.js';

export type SimHandler = (c: Context, rc: RequestContext) => SimAnswer | Promise<SimAnswer>;
export type OrgHandler = (
  c: Context,
  rc: RequestContext,
  org: SimOrg,
) => SimAnswer | Promise<SimAnswer>;

/** A path, query or body value of the request (validated against the spec before handlers run). */
export const pathParam = (c: Context, name: string): string => String(c.request.params[name] ?? '');
export const queryOf = <T>(c: Context): T => c.request.query as T;
export const bodyOf = <T>(c: Context): T => c.request.requestBody as T;

/** The lowest success status the operation documents (201 for most creates, 200 for some). */
export function successStatus(c: Context): number {
  const codes = Object.keys(c.operation.responses ?? {})
    .map(Number)
    .filter((code) => code >= 200 && code < 300);
  return Math.min(...codes);
}

/** The answer for an outcome: the value with the operation's success status, or the refusal. */
export function answered<T>(c: Context, rc: RequestContext, outcome: Outcome<T>): SimAnswer {
  return outcome.ok
    ? answer(successStatus(c), outcome.value)
    : apiError(rc.api, outcome.status, outcome.description);
}

/** Runs a Contact Center handler with the org of the path (`orgid`, or `orgId` in the flow store). */
export function withCcOrg(handler: OrgHandler): SimHandler {
  return (c, rc) => {
    const orgId = pathParam(c, 'orgid') || pathParam(c, 'orgId');
    const org = rc.sim.managedOrg(orgId);
    if (!org) return ccError(403, `The token may not manage organization ${orgId}.`);
    return handler(c, rc, org);
  };
}

/** What the simulator cannot answer as the API would: refused, and a test relying on it fails. */
export function notSimulated(c: Context, rc: RequestContext, description: string): SimAnswer {
  rc.sim.recorder.invalid(`${c.operation.operationId ?? ''}: ${description}`);
  return { ...apiError(rc.api, 400, description), unchecked: true };
}
