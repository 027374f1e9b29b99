import { readFileSync } from 'node:fs';
import path from 'node:path';
import { OpenAPIBackend, type Document as OpenAPIDocument } from 'openapi-backend';
import { describe, expect, test } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { valueAt } from '../../scripts/extract-webex-subset.mjs';

/**
 * The vendored subsets of Cisco's Webex specifications (src/webex/openapi/) are extracted by
 * scripts/extract-webex-subset.mjs from the full specifications, which a fresh clone does not
 * have. What can be checked without them: each subset stands alone, holds exactly the listed
 * operations with the listed patches, keeps its attribution, and is valid OpenAPI 3.
 */
const DIR = path.resolve('src/webex/openapi');
const readJson = (file: string): unknown => JSON.parse(readFileSync(path.join(DIR, file), 'utf8'));

interface Operation {
  method: string;
  path: string;
  operationId: string;
}
interface Patch {
  spec: string;
  op: 'add' | 'replace' | 'remove';
  path: string;
  value?: unknown;
  reason: string;
}
type Document = {
  info: { license?: { name: string }; 'x-source'?: { file: string; sha256: string } };
  servers: unknown[];
  paths: Record<string, Record<string, { operationId: string }>>;
};

const lists = readJson('operations.json') as Record<
  string,
  { source: string; servers: unknown[]; operations: Operation[] }
>;
const patches = readJson('patches.json') as Patch[];

function refsIn(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) refsIn(item, found);
  else if (node !== null && typeof node === 'object')
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.push(value);
      else refsIn(value, found);
    }
  return found;
}

describe.each(Object.entries(lists))('%s.subset.json', (name, list) => {
  const subset = readJson(`${name}.subset.json`) as Document;

  test('every $ref resolves inside the subset', () => {
    const refs = [...new Set(refsIn(subset))];
    expect(refs.length).toBeGreaterThan(0);
    const dangling = refs.filter(
      (ref) => !ref.startsWith('#/') || valueAt(subset, ref.slice(1)) === undefined,
    );
    expect(dangling).toEqual([]);
  });

  test('holds exactly the listed operations, under their unique ccac names', () => {
    const present = Object.entries(subset.paths).flatMap(([route, methods]) =>
      Object.entries(methods).map(([method, op]) => `${method} ${route} ${op.operationId}`),
    );
    const listed = list.operations.map((op) => `${op.method} ${op.path} ${op.operationId}`);
    expect(present.sort()).toEqual([...listed].sort());
    expect(new Set(list.operations.map((op) => op.operationId)).size).toBe(listed.length);
  });

  test('carries its patches, each with a reason', () => {
    const own = patches.filter((patch) => patch.spec === name);
    for (const patch of own) {
      expect(patch.reason.length, patch.path).toBeGreaterThan(20);
      const value = valueAt(subset, patch.path);
      if (patch.op === 'remove') expect(value, patch.path).toBeUndefined();
      else expect(value, patch.path).toEqual(patch.value);
    }
  });

  test('keeps its attribution: source file, licence, servers', () => {
    expect(subset.info.license?.name).toBe('CC BY 4.0');
    expect(subset.info['x-source']?.file).toBe(list.source);
    expect(subset.info['x-source']?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(subset.servers).toEqual(list.servers);
  });

  test('is valid OpenAPI 3, and openapi-backend routes every operation', async () => {
    // validate: false skips compiling a request and response validator per operation (15 s for
    // the contact-center subset); the document itself is still validated against OpenAPI 3.
    const api = new OpenAPIBackend({
      definition: structuredClone(subset) as unknown as OpenAPIDocument,
      strict: true, // an invalid document throws rather than warns
      validate: false,
    });
    await api.init();
    expect(
      api
        .getOperations()
        .map((op) => op.operationId)
        .sort(),
    ).toEqual(list.operations.map((op) => op.operationId).sort());
  });
});

test('every patch names one of the subsets', () => {
  expect(patches.length).toBeGreaterThan(0);
  for (const patch of patches) expect(Object.keys(lists)).toContain(patch.spec);
});

test('the vendored folder keeps the licence and the attribution of Cisco’s specifications', () => {
  const readme = readFileSync(path.join(DIR, 'README.md'), 'utf8');
  for (const words of ['webex/webex-openapi-specs', 'CC BY 4.0', 'Modified', 'patches.json'])
    expect(readme).toContain(words);
  expect(readFileSync(path.join(DIR, 'LICENSE'), 'utf8')).toContain(
    'Attribution 4.0 International',
  );
});
