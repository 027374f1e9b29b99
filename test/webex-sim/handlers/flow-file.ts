// The file of flows:import: "a file containing a `FlowVersionRes` object". The request validator
// cannot look inside a binary part, so the simulator parses it and validates it against the schema.
import type { ValidateFunction } from 'ajv';
import { ValidationContext, type Context } from 'openapi-backend';
import type { FlowVersion } from '../state/entities.js';
import { done, refused, type Outcome } from '../state/outcome.js';

let validateFlowVersion: ValidateFunction | undefined;

function validator(c: Context): ValidateFunction {
  if (!validateFlowVersion) {
    const schemas = (c.api.definition.components?.schemas ?? {}) as Record<string, object>;
    const ajv = c.api.validator.getAjv(ValidationContext.RequestBody);
    validateFlowVersion = ajv.compile(schemas.FlowVersionRes ?? {});
  }
  return validateFlowVersion;
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The flow version the file holds, or why it is not one (a name is needed to import it). */
export function flowInFile(c: Context, file: unknown): Outcome<FlowVersion & { name: string }> {
  if (typeof file !== 'string')
    return refused(400, 'file: a multipart part named file is required.');
  const value = parsed(file);
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return refused(400, 'file: is not a JSON object (a FlowVersionRes).');
  const validate = validator(c);
  if (!validate(value))
    return refused(
      400,
      `file: ${(validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ')}`,
    );
  const version = value as FlowVersion;
  if (!version.name) return refused(400, 'file: the flow has no name.');
  return done({ ...version, name: version.name });
}
