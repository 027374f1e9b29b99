import { commonSchema, type JsonSchema } from '../config/schemas.js';

/**
 * A value with its objects' keys in the order its JSON Schema lists their properties, as a person
 * writing the YAML would (`channelType` before `timezone`, `displayName` first); keys the schema
 * does not list follow, sorted. Lists keep their order, each item ordered by the items' schema.
 */
export function inSchemaOrder(
  value: unknown,
  schema: JsonSchema,
  base: JsonSchema = schema,
): unknown {
  const [resolved, root] = resolve(schema, base);
  if (Array.isArray(value)) {
    const items = resolved.items as JsonSchema | undefined;
    return items ? value.map((item) => inSchemaOrder(item, items, root)) : value;
  }
  if (value === null || typeof value !== 'object') return value;
  const properties = propertiesOf(resolved, root);
  const listed = Object.keys(properties);
  const rest = Object.keys(value)
    .filter((key) => !(key in properties))
    .sort();
  const out: Record<string, unknown> = {};
  for (const key of [...listed, ...rest]) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined) continue;
    out[key] = properties[key] ? inSchemaOrder(item, properties[key], root) : item;
  }
  return out;
}

/** A schema's properties, those of its `allOf` branches included (first listed first). */
function propertiesOf(schema: JsonSchema, base: JsonSchema): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  const branches = (schema.allOf ?? []) as JsonSchema[];
  for (const branch of branches) {
    const [resolved, root] = resolve(branch, base);
    for (const [key, property] of Object.entries(propertiesOf(resolved, root)))
      out[key] ??= property;
  }
  for (const [key, property] of Object.entries((schema.properties ?? {}) as object))
    out[key] ??= property as JsonSchema;
  return out;
}

/**
 * A schema with its `$ref` followed (within its own file, or into common.schema.json), and the
 * schema document further references in it are relative to.
 */
function resolve(schema: JsonSchema, base: JsonSchema): [JsonSchema, JsonSchema] {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return [schema, base];
  const [file, pointer = ''] = ref.split('#');
  const root = file === '' ? base : file === 'common.schema.json' ? commonSchema : undefined;
  if (!root) return [schema, base];
  let target: unknown = root;
  for (const part of pointer.split('/').filter(Boolean))
    target = (target as Record<string, unknown> | undefined)?.[part];
  return target && typeof target === 'object'
    ? resolve(target as JsonSchema, root)
    : [schema, base];
}
