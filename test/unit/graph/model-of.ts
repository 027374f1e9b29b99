import type { Kind } from '../../../src/model/kinds.js';
import { Model, type ModelResource } from '../../../src/model/model.js';

/** A model from `[kind, tenant, name, spec]` rows: enough for the graph, no files or rules. */
export function modelOf(rows: readonly [Kind, string, string, Record<string, unknown>][]): Model {
  return new Model(
    rows.map(
      ([kind, tenant, name, spec]) =>
        ({
          kind,
          name,
          tenant,
          address: `${tenant}/${kind}/${name}`,
          hash: '',
          spec,
        }) as ModelResource,
    ),
  );
}
