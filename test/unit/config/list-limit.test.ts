import { expect, test } from 'vitest';
import { commonSchema, envelopeSchema, kindSchemas } from '../../../src/config/schemas.js';
import { MAX_LIST_ITEMS } from '../../../src/config/validate-schema.js';

/** Every maxItems of a schema. */
function maxItems(schema: unknown, out: number[] = []): number[] {
  if (schema !== null && typeof schema === 'object') {
    const record = schema as Record<string, unknown>;
    if (typeof record.maxItems === 'number') out.push(record.maxItems);
    for (const value of Object.values(record)) maxItems(value, out);
  }
  return out;
}

test('the list length checked before Ajv is the most any schema allows', () => {
  const all = [commonSchema, envelopeSchema, ...Object.values(kindSchemas)].flatMap((s) =>
    maxItems(s),
  );
  expect(MAX_LIST_ITEMS).toBe(Math.max(...all));
});
