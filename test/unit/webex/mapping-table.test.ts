import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { format, resolveConfig } from 'prettier';
import { describe, expect, test } from 'vitest';
import { KIND_SCHEMA_FILES, KINDS } from '../../../src/model/kinds.js';
import { KIND_MAPPINGS } from '../../../src/webex/mapping/kinds.js';
import { renderMappingDocument } from '../../../src/webex/mapping/mapping-table.js';

const DOC = new URL('../../../docs/webex-mapping.md', import.meta.url);

/** The spec fields a kind's JSON Schema declares. */
function specFields(kind: (typeof KINDS)[number]): string[] {
  const schema = JSON.parse(
    readFileSync(
      new URL(`../../../schemas/${KIND_SCHEMA_FILES[kind]}.schema.json`, import.meta.url),
      'utf8',
    ),
  ) as { properties: { spec?: { properties?: Record<string, unknown> } } };
  return Object.keys(schema.properties.spec?.properties ?? {});
}

describe('the Webex mapping', () => {
  test.each(KINDS)('every %s field is carried or not carried with its reason', (kind) => {
    const mapping = KIND_MAPPINGS[kind];
    const carried = new Set([
      ...mapping.entities.flatMap((e) => e.carries.map((c) => c.field)),
      ...(mapping.carries ?? []).map((c) => c.field),
    ]);
    const notCarried = new Map(mapping.notCarried.map((n) => [n.field, n.why]));
    for (const field of specFields(kind)) {
      // A kind that is not pushed at all gives its reason for every field.
      const why = notCarried.get(field) ?? mapping.notPushed;
      expect(
        carried.has(field) || (why !== undefined && why.trim() !== ''),
        `${kind}.${field}`,
      ).toBe(true);
    }
    // And nothing is declared for a field the schema does not have.
    for (const field of [...carried, ...notCarried.keys()])
      if (!field.startsWith('metadata.'))
        expect(specFields(kind), `${kind}.${field}`).toContain(field);
  });

  test('docs/webex-mapping.md is current (npm run build && npm run docs)', async () => {
    expect(await readFile(DOC, 'utf8')).toBe(renderMappingDocument());
  });

  test('the rendered document is already in Prettier form', async () => {
    const document = renderMappingDocument();
    const options = (await resolveConfig(DOC.pathname)) ?? {};
    expect(await format(document, { ...options, parser: 'markdown' })).toBe(document);
  });
});
