import { describe, expect, test } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { extractSubset, subsetText } from '../../scripts/extract-webex-subset.mjs';

/** A small specification with Cisco's habits: repeated operationIds, keywords beside $ref. */
function spec() {
  const list = { $ref: '#/components/schemas/List' };
  return {
    openapi: '3.0.0',
    info: { title: 'Webex Contact Center', version: '1.0.0' },
    paths: {
      '/org/{orgid}/v2/team': {
        get: {
          operationId: 'getAll_4',
          responses: { '200': { description: 'OK', content: { '*/*': { schema: list } } } },
        },
        post: { operationId: 'createConfig_3', responses: { '201': { description: 'Created' } } },
      },
      '/org/{orgid}/entry-point': {
        post: {
          operationId: 'createConfig_3',
          requestBody: {
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/Ep', description: 'ignored by OpenAPI 3.0' },
              },
            },
          },
          responses: { '201': { description: 'Created' } },
        },
      },
      '/org/{orgid}/skill': {
        get: { operationId: 'getAll_9', responses: { '200': { description: 'OK' } } },
      },
    },
    components: {
      schemas: {
        List: {
          type: 'object',
          properties: {
            meta: { type: 'object', additionalProperties: { type: 'object' } },
            data: { type: 'array', items: { $ref: '#/components/schemas/Team' } },
          },
        },
        Team: { type: 'object', properties: { site: { $ref: '#/components/schemas/Site' } } },
        Site: { type: 'object', properties: { name: { type: 'string' } } },
        Ep: { type: 'object', properties: { name: { type: 'string' } } },
        Paging: { type: 'object', properties: { page: { type: 'integer' } } },
        Skill: { type: 'object' },
      },
    },
  };
}

const operations = [
  { method: 'post', path: '/org/{orgid}/entry-point', operationId: 'createEntryPoint' },
  { method: 'get', path: '/org/{orgid}/v2/team', operationId: 'listTeams' },
  { method: 'post', path: '/org/{orgid}/v2/team', operationId: 'createTeam' },
];
const list = { servers: [{ url: 'https://api.example' }], operations };
const source = { file: 'webex-contact-center.json', sha256: 'f'.repeat(64) };
const metaPatch = {
  op: 'replace',
  path: '/components/schemas/List/properties/meta',
  value: { $ref: '#/components/schemas/Paging' },
  reason: 'page is a number, not an object',
};

describe('extractSubset', () => {
  test('keeps the listed operations under ccac’s names and Cisco’s as x-cisco-operation-id', () => {
    const subset = extractSubset(spec(), list, [], source);
    expect(Object.keys(subset.paths)).toEqual(['/org/{orgid}/entry-point', '/org/{orgid}/v2/team']);
    expect(subset.paths['/org/{orgid}/v2/team'].post).toMatchObject({
      operationId: 'createTeam',
      'x-cisco-operation-id': 'createConfig_3',
    });
    expect(subset.paths['/org/{orgid}/entry-point'].post.operationId).toBe('createEntryPoint');
    expect(subset.servers).toEqual(list.servers);
    expect(subset.info).toMatchObject({ license: { name: 'CC BY 4.0' }, 'x-source': source });
  });

  test('takes the components referenced, transitively, and no others; drops keywords beside $ref', () => {
    const subset = extractSubset(spec(), list, [], source);
    expect(Object.keys(subset.components.schemas)).toEqual(['Ep', 'List', 'Site', 'Team']);
    const body = subset.paths['/org/{orgid}/entry-point'].post.requestBody;
    expect(body.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Ep' });
  });

  test('applies the patches first, so what a patch references joins the subset', () => {
    const subset = extractSubset(spec(), list, [metaPatch], source);
    expect(subset.components.schemas.List.properties.meta).toEqual(metaPatch.value);
    expect(Object.keys(subset.components.schemas)).toContain('Paging');
  });

  test('gives the same bytes whatever the order of the list, and leaves its input alone', () => {
    const input = spec();
    const before = JSON.stringify(input);
    const one = subsetText(extractSubset(input, list, [metaPatch], source));
    const reversed = { ...list, operations: [...operations].reverse() };
    expect(subsetText(extractSubset(spec(), reversed, [metaPatch], source))).toBe(one);
    expect(JSON.stringify(input)).toBe(before);
  });

  test.each([
    [
      'a listed operation the specification lacks',
      {
        ...list,
        operations: [...operations, { method: 'get', path: '/nowhere', operationId: 'x' }],
      },
      [],
      /GET \/nowhere is not in webex-contact-center.json/,
    ],
    ['a patch without a reason', list, [{ ...metaPatch, reason: '' }], /no reason/],
    [
      'a patch that no longer applies',
      list,
      [{ ...metaPatch, path: '/components/schemas/List/properties/links' }],
      /does not apply \(absent\)/,
    ],
    [
      'a patch outside the subset',
      list,
      [{ ...metaPatch, path: '/components/schemas/Skill/type', value: 'object' }],
      /outside the subset/,
    ],
  ])('fails on %s', (_what, theList, patches, message) => {
    expect(() => extractSubset(spec(), theList, patches, source)).toThrow(message);
  });
});
