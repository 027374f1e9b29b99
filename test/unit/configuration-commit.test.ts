import { describe, expect, it } from 'vitest';
import type { DeclaredResource } from '../../src/model/resource.js';
import { commitOfConfiguration } from '../../src/operations/configuration-commit.js';

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

describe('commitOfConfiguration', () => {
  it('asks for the spec only of flows whose canonical value is not known (they may name a definition file)', async () => {
    const reads = { n: 0 };
    const declared = [
      flow('cached', {}, true, reads),
      flow('written', { definitionFile: 'defs/a.json' }, false, reads),
    ];
    // Outside any repository: no commit, whatever the files.
    await expect(commitOfConfiguration(['/nowhere/cfg'])(declared)).resolves.toBeNull();
    expect(reads.n).toBe(1);
  });
});
