// What openapi-backend calls when no operation handler answers: an invalid request (the API's
// 400, and a failing test), an unknown path or method, an operation the simulator does not serve.
import type { ErrorObject } from 'ajv';
import { apiError } from '../server/answers.js';
import type { SimAnswer } from '../types.js';
import { notSimulated, type SimHandler } from './common.js';

/** Ajv's error with the name it is about (its message leaves out additional properties). */
function described(error: ErrorObject): string {
  const extra = (error.params as { additionalProperty?: string }).additionalProperty;
  return `${error.instancePath || '/'} ${error.message ?? error.keyword}${extra ? `: ${extra}` : ''}`;
}

const unchecked = (answer: SimAnswer): SimAnswer => ({ ...answer, unchecked: true });

const validationFail: SimHandler = (c, rc) => {
  const problems = (c.validation.errors ?? []).map(described).join('; ');
  rc.sim.recorder.invalid(`${c.operation.operationId ?? ''}: request invalid: ${problems}`);
  return unchecked(apiError(rc.api, 400, `Invalid request: ${problems}`));
};

const notFound: SimHandler = (_c, rc) => {
  rc.sim.recorder.invalid(`${rc.call.method} ${rc.call.path}: no such operation in the spec`);
  return unchecked(apiError(rc.api, 404, 'No such resource.'));
};

const methodNotAllowed: SimHandler = (_c, rc) => {
  rc.sim.recorder.invalid(`${rc.call.method} ${rc.call.path}: method not in the spec`);
  return unchecked(apiError(rc.api, 405, 'Method not allowed.'));
};

const notImplemented: SimHandler = (c, rc) =>
  notSimulated(c, rc, 'this operation is not simulated.');

export const FALLBACKS = { validationFail, notFound, methodNotAllowed, notImplemented };
