import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { commonSchema, envelopeSchema, kindSchemas } from '../../../src/config/schemas.js';

/** Every `uniqueItems` list of a schema, with the `items` schema it names. */
function sets(schema: unknown, where: string, out: [string, unknown][] = []): [string, unknown][] {
  if (Array.isArray(schema)) schema.forEach((s, i) => sets(s, `${where}/${i}`, out));
  else if (schema !== null && typeof schema === 'object') {
    const record = schema as Record<string, unknown>;
    if (record.uniqueItems === true) out.push([where, record.items]);
    for (const [key, value] of Object.entries(record)) sets(value, `${where}/${key}`, out);
  }
  return out;
}

/** The items' schema with a `$ref` into the common definitions followed. */
function resolved(items: unknown): Record<string, unknown> {
  const ref = (items as { $ref?: string }).$ref;
  if (ref === undefined) return items as Record<string, unknown>;
  const name = /#\/\$defs\/(.+)$/.exec(ref)![1]!;
  return (commonSchema.$defs as Record<string, Record<string, unknown>>)[name]!;
}

describe('uniqueItems (linear, unique-items.ts)', () => {
  const all = [
    ...sets(commonSchema, 'common'),
    ...sets(envelopeSchema, 'envelope'),
    ...Object.entries(kindSchemas).flatMap(([kind, schema]) => sets(schema, kind)),
  ];

  test.each(all)('%s holds strings: the keyword compares scalar items only', (_, items) => {
    const schema = resolved(items);
    const strings =
      schema.type === 'string' ||
      (Array.isArray(schema.enum) && schema.enum.every((v) => typeof v === 'string'));
    expect(strings, JSON.stringify(schema)).toBe(true);
  });

  const user = (teams: string) =>
    `apiVersion: ccac/v1\nkind: User\nmetadata:\n  tenant: acme\n  name: ann@acme.example\nspec:\n  teams:\n${teams}`;

  test.each([
    ['a name', 'sales'],
    ['__proto__ (a plain object would never find it)', '__proto__'],
  ])('the same %s twice is reported at the second', (_, name) => {
    const text = user(`    - ${name}\n    - other\n    - ${name}\n`);
    const { diagnostics } = loadConfig([{ path: 'u.yaml', text }]);
    expect(diagnostics.map((d) => [d.code, d.line, d.column, d.message])).toEqual([
      ['SCHEMA', 10, 7, 'spec.teams: lists the same item twice (items 0 and 2)'],
    ]);
  });

  test('1 and "1" are different items, as JSON Schema compares them', () => {
    const text = user('    - "1"\n    - 1\n');
    const { diagnostics } = loadConfig([{ path: 'u.yaml', text }]);
    expect(diagnostics.map((d) => d.message)).toEqual([
      'spec.teams[1]: must be a string (got 1); put the value in quotes to keep it as text',
    ]);
  });
});
