// Every answer a handler gives is checked against the operation's documented responses: its
// status must be documented, its body valid against that status's schema.
import type { ErrorObject } from 'ajv';
import type { OpenAPIBackend } from 'openapi-backend';
import type { SimAnswer } from '../types.js';

const described = (error: ErrorObject): string =>
  `${error.instancePath || '/'} ${error.message ?? error.keyword}`;

/** Why the answer contradicts the spec (empty: it does not). */
export function responseProblems(
  backend: OpenAPIBackend,
  operationId: string,
  answer: SimAnswer,
): string[] {
  const operation = backend.router.getOperation(operationId);
  const responses = operation?.responses ?? {};
  if (!(String(answer.status) in responses) && !('default' in responses))
    return [`status ${answer.status} is not documented`];
  const result = backend.validator.validateResponse(
    answer.body ?? null,
    operationId,
    answer.status,
  );
  return (result.errors ?? []).map(described);
}
