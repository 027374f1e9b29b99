import { createRequire } from 'node:module';
import { KIND_SCHEMA_FILES, KINDS, type Kind } from '../model/kinds.js';

/** The JSON Schemas shipped in schemas/, loaded once. */
export type JsonSchema = Record<string, unknown>;

// schemas/ sits beside src/ and dist/, so the same relative path works built and in tests.
const requireSchema = createRequire(import.meta.url);
const load = (file: string) => requireSchema(`../../schemas/${file}.schema.json`) as JsonSchema;

export const SCHEMA_BASE = 'https://ccac.dev/schemas/';
export const commonSchema = load('common');
export const envelopeSchema = load('envelope');
export const kindSchemas = Object.fromEntries(
  KINDS.map((kind) => [kind, load(KIND_SCHEMA_FILES[kind])]),
) as Record<Kind, JsonSchema>;
