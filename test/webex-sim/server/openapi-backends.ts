// The two vendored specifications as openapi-backend routers and validators: one per API and per
// process, shared by every simulator a test file starts (a validator compiled once serves all).
// Validators compile lazily, per operation, on first use: all of the Contact Center spec takes
// ≈15 s to compile, one operation a fraction of a second.
import { readFileSync } from 'node:fs';
import type { Ajv } from 'ajv';
import { OpenAPIBackend, type AjvCustomizer, type Document, type Handler } from 'openapi-backend';
import { withSpecFormats } from './spec-formats.js';

export type ApiName = 'cc' | 'hub';

const SPEC_FILES: Record<ApiName, string> = {
  cc: 'webex-contact-center.subset.json',
  hub: 'webex-admin.subset.json',
};

type MediaTypes = Record<string, unknown>;
type Operation = {
  parameters?: unknown[];
  responses?: Record<string, { content?: MediaTypes }>;
};
type Spec = { paths: Record<string, Record<string, Operation>> };

function readSpec(api: ApiName): Spec {
  const file = new URL(`../../../src/webex/openapi/${SPEC_FILES[api]}`, import.meta.url);
  return JSON.parse(readFileSync(file, 'utf8')) as Spec;
}

/**
 * openapi-backend validates `application/json` responses only; Cisco declares most of its JSON
 * answers under the wildcard media type or `application/hal+json`: each is validated as JSON.
 */
function jsonResponsesDeclared(spec: Spec): void {
  for (const operation of Object.values(spec.paths).flatMap((item) => Object.values(item)))
    for (const response of Object.values(operation.responses ?? {})) {
      const content = response.content ?? {};
      const json = content['*/*'] ?? content['application/hal+json'];
      if (json && !content['application/json']) content['application/json'] = json;
    }
}

/**
 * GET /people pages by the `Link` header, whose next URL carries an opaque `cursor` (Webex, "REST
 * API Basics: Pagination"); the published spec does not list it, so a client following the link
 * would be refused. The simulator accepts it.
 */
function peopleCursorDeclared(spec: Spec): void {
  spec.paths['/people']?.get?.parameters?.push({
    name: 'cursor',
    in: 'query',
    description: 'Opaque position of the next page, from the Link header (not in Cisco’s spec).',
    schema: { type: 'string' },
  });
}

/** Cisco's patterns are Java's (`[a-zA-Z\d-_\s]`): not valid in JavaScript's unicode mode. */
const AJV_OPTIONS = { unicodeRegExp: false, strict: false } as const;

const cache = new Map<ApiName, Promise<OpenAPIBackend>>();

/**
 * openapi-backend makes a new Ajv for every validator it compiles; one per validation context
 * (request body, parameters, response) compiles a third faster.
 */
function sharedAjv(): AjvCustomizer {
  const instances = new Map<string, Ajv>();
  return (fresh, _options, context) => {
    const known = instances.get(context);
    if (known) return known;
    instances.set(context, withSpecFormats(fresh));
    return fresh;
  };
}

/** The router and validator of one API, with these handlers (the same for every simulator). */
export function backendFor(
  api: ApiName,
  handlers: Record<string, Handler>,
): Promise<OpenAPIBackend> {
  const known = cache.get(api);
  if (known) return known;
  const spec = readSpec(api);
  jsonResponsesDeclared(spec);
  if (api === 'hub') peopleCursorDeclared(spec);
  const backend = new OpenAPIBackend({
    definition: spec as unknown as Document,
    quick: true, // lazy validators, no re-validation of the document (a unit test does that)
    coerceTypes: true, // query and path parameters arrive as strings
    ajvOpts: AJV_OPTIONS,
    customizeAjv: sharedAjv(),
    handlers,
  });
  const ready = backend.init();
  cache.set(api, ready);
  return ready;
}
