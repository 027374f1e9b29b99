import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { loadFileEntry } from '../../../src/workspace/load-with-entries.js';
import { yamlFiles } from '../../helpers/yaml-files.js';

/**
 * A cache entry's JSON is put together from each canonical value's JSON, made for its hash
 * (load-with-entries.ts): it must be exactly what JSON.stringify writes of the entry, whatever
 * the resource — global or in a tenant, in a List or not, with labels, names that need escaping.
 */
test('an entry is written as JSON.stringify writes it', () => {
  const texts = yamlFiles('examples').map((file) => ({
    path: file,
    text: readFileSync(file, 'utf8'),
  }));
  texts.push({
    path: 'lists.yaml',
    text: [
      'apiVersion: ccac/v1',
      'kind: List',
      'items:',
      '  - apiVersion: ccac/v1',
      '    kind: Team',
      '    metadata: {tenant: t-1, name: "Quote \\" and back\\\\slash", labels: {a: b}}',
      '    spec: {}',
      '  - apiVersion: ccac/v1',
      '    kind: Team',
      '    metadata: {tenant: t-1, name: Zoë}',
      '    spec: {}',
      '',
    ].join('\n'),
  });
  let entries = 0;
  for (const source of texts) {
    const made = loadFileEntry({ ...source, digest: 'd' });
    if (!made) continue;
    expect(made.json, source.path).toBe(JSON.stringify(made.entry));
    entries += made.entry.resources.length;
  }
  expect(entries).toBeGreaterThan(20);
});
