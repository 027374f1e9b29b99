import { KINDS } from '../model/kinds.js';
import {
  commonSchema,
  envelopeSchema,
  kindSchemas,
  SCHEMA_BASE,
  type JsonSchema,
} from './schemas.js';

/**
 * One self-contained schema for editors: every file's definitions under `$defs`,
 * cross-file references rewritten to local pointers (yaml-language-server resolves those best).
 */
export function bundledSchema(): JsonSchema {
  const defs: Record<string, unknown> = {
    common: rewrite(strip(commonSchema), 'common'),
    list: rewrite(
      strip((envelopeSchema.$defs as Record<string, JsonSchema>).list as JsonSchema),
      'envelope',
    ),
  };
  for (const kind of KINDS) defs[kind] = rewrite(strip(kindSchemas[kind]), kind);
  const resource = { anyOf: KINDS.map((kind) => ({ $ref: `#/$defs/${kind}` })) };
  (defs.list as { properties: { items: { items: unknown } } }).properties.items.items = resource;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${SCHEMA_BASE}ccac.schema.json`,
    title: 'ccac configuration document',
    anyOf: [...resource.anyOf, { $ref: '#/$defs/list' }],
    $defs: defs,
  };
}

function strip(schema: JsonSchema): JsonSchema {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}

/** `common.schema.json#/$defs/x` → `#/$defs/common/$defs/x`; `#/$defs/x` inside a file → its own place. */
function rewrite(value: unknown, owner: string): JsonSchema {
  if (Array.isArray(value)) return value.map((v) => rewrite(v, owner)) as unknown as JsonSchema;
  if (value === null || typeof value !== 'object') return value as JsonSchema;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => {
      if (key !== '$ref' || typeof v !== 'string') return [key, rewrite(v, owner)];
      const [file, pointer = ''] = v.split('#');
      const target = file === '' ? owner : file === 'common.schema.json' ? 'common' : owner;
      return [key, `#/$defs/${target}${pointer}`];
    }),
  );
}
