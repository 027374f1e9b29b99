// The bodies of the APIs' errors: the Contact Center's ApiErrorResponse, Control Hub's
// ErrorResponse (both as their specs define them).
import { ccTrackingId, hubTrackingId } from '../ids.js';
import type { SimAnswer } from '../types.js';
import type { ApiName } from './openapi-backends.js';

export const answer = (
  status: number,
  body?: unknown,
  headers?: Record<string, string>,
): SimAnswer => ({
  status,
  body,
  ...(headers ? { headers } : {}),
});

export function ccError(status: number, description: string): SimAnswer {
  return answer(status, {
    trackingId: ccTrackingId(),
    error: { key: String(status), message: [{ description }] },
  });
}

export function hubError(status: number, message: string): SimAnswer {
  return answer(status, {
    message,
    errors: [{ description: message }],
    trackingId: hubTrackingId(),
  });
}

export const apiError = (api: ApiName, status: number, description: string): SimAnswer =>
  api === 'cc' ? ccError(status, description) : hubError(status, description);
