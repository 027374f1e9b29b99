import { describe, expect, it } from 'vitest';
import { assetsNeeded } from '../../../src/config/check-config.js';
import type { DeclaredResource } from '../../../src/model/resource.js';

/** A declared flow; `specReads` counts each time its spec is asked for. */
function flow(name: string, spec: object, canonical: boolean, specReads: { n: number }) {
  const declared = {
    kind: 'Flow',
    name,
    tenant: 't',
    address: `t/Flow/${name}`,
    origin: { file: '/nowhere/cfg/flows.yaml', locate: () => ({ file: '', line: 1, column: 1 }) },
    ...(canonical ? { canonical: { value: { spec: {} }, hash: 'h' } } : {}),
    get spec() {
      specReads.n++;
      return spec;
    },
  };
  return declared as unknown as DeclaredResource;
}

describe('assetsNeeded', () => {
  it('asks for the spec only of flows whose canonical value is not known (they may name a definition file)', () => {
    const reads = { n: 0 };
    const declared = [
      flow('cached', {}, true, reads),
      flow('written', { definitionFile: 'defs/a.json' }, false, reads),
    ];
    expect(assetsNeeded(declared)).toEqual(['/nowhere/cfg/defs/a.json']);
    expect(reads.n).toBe(1);
  });
});
