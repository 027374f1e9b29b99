// A query parameter whose schema is an object (team create and update take `teamDTO` so) is sent,
// by OpenAPI's default style (form, exploded), as one query parameter per property:
// `?name=Sales&siteId=…`. openapi-backend reads objects only as deep objects (`teamDTO[name]=…`),
// so the exploded form is rewritten into that one before routing. Both forms are accepted.
type Schema = { type?: string; properties?: Record<string, Schema> };
type Parameter = { name: string; in: string; style?: string; schema?: Schema };

function gathered(query: URLSearchParams, parameter: Parameter): boolean {
  const properties = parameter.schema?.properties ?? {};
  const keys = [...new Set(query.keys())].filter((key) => key in properties);
  if (keys.length === 0 || [...query.keys()].some((key) => key.startsWith(`${parameter.name}[`)))
    return false;
  for (const key of keys) {
    const array = properties[key]?.type === 'array' ? '[]' : '';
    for (const value of query.getAll(key)) query.append(`${parameter.name}[${key}]${array}`, value);
    query.delete(key);
  }
  return true;
}

export function explodedObjectsGathered(parameters: readonly unknown[], search: string): string {
  const query = new URLSearchParams(search);
  const objects = (parameters as Parameter[]).filter(
    (parameter) => parameter.in === 'query' && parameter.style !== 'deepObject',
  );
  const changed = objects.map((parameter) => gathered(query, parameter)).some(Boolean);
  return changed ? `?${query.toString()}` : search;
}
