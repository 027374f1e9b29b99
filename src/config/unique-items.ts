import type { CodeKeywordDefinition, KeywordCxt } from 'ajv/dist/2020.js';

type AjvModule = typeof import('ajv/dist/2020.js');

/**
 * `uniqueItems` in linear time, in place of Ajv's. Ajv compares every pair of items unless the
 * `items` schema itself names a scalar type (ours are `$ref`s), and its faster loop keys a plain
 * object, where an item named `__proto__` is never found: a queue of 80,000 agents took minutes.
 * Here scalar items are looked up in a Map (keys compare as `===` does, so 1 and "1" differ, as
 * in JSON Schema). A map or list item is not compared: every set in ccac's schemas holds names,
 * numbers or enum values, so such an item already fails `items` (a unit test keeps it so).
 */
export function uniqueItemsKeyword({ _, str }: AjvModule): CodeKeywordDefinition {
  return {
    keyword: 'uniqueItems',
    type: 'array',
    schemaType: 'boolean',
    error: {
      message: ({ params: { i, j } }) =>
        str`must NOT have duplicate items (items ## ${j} and ${i} are identical)`,
      params: ({ params: { i, j } }) => _`{i: ${i}, j: ${j}}`,
    },
    code(cxt: KeywordCxt) {
      const { gen, data, schema } = cxt;
      if (schema !== true) return;
      const valid = gen.let('valid', true);
      const i = gen.let('i', 0);
      const j = gen.let('j');
      cxt.setParams({ i, j });
      const seen = gen.const('seen', _`new Map()`);
      gen.for(_`; ${i} < ${data}.length; ${i}++`, () => {
        const item = gen.const('item', _`${data}[${i}]`);
        gen.if(_`typeof ${item} == "object" && ${item} !== null`, _`continue`);
        gen.assign(j, _`${seen}.get(${item})`);
        gen.if(_`${j} !== undefined`, () => {
          cxt.error();
          gen.assign(valid, false).break();
        });
        gen.code(_`${seen}.set(${item}, ${i})`);
      });
      cxt.ok(valid);
    },
  };
}
