import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { buildDesiredModel } from '../../../src/model/canonicalize.js';
import { resourcesOfScope, scopeDigest } from '../../../src/model/scope-digest.js';
import { scopesHeld } from '../../../src/workspace/config-summary.js';
import { declaredFromEntry, type FileEntry } from '../../../src/workspace/file-entry.js';
import { loadFileEntry } from '../../../src/workspace/load-with-entries.js';
import { yamlFiles } from '../../helpers/yaml-files.js';

/**
 * Each resource's term of its scope digest is made where its file is parsed, and reaches the
 * model through the cache entry's JSON (as the second thread sends it): the digests it gives must
 * be those the resources' kind, name, tenant and hash give, as the store computes them.
 */
test("a model's digest terms from the parse give each scope the digest its resources define", () => {
  const files = ['examples/alnoor-bank', 'examples/vandijk-retail'].flatMap(yamlFiles);
  const declared = files.flatMap((file) => {
    const source = { path: file, text: readFileSync(file, 'utf8'), digest: 'd' };
    const made = loadFileEntry(source);
    if (!made) return [];
    return declaredFromEntry(JSON.parse(made.json) as FileEntry, source);
  });
  const { model } = buildDesiredModel(declared, new Map());
  const termed = [...model.byAddress.values()].filter((r) => r.digestTerm !== undefined);
  expect(termed.length).toBeGreaterThan(20);
  for (const scope of scopesHeld(model)) {
    const resources = resourcesOfScope(model, scope);
    const bare = resources.map(({ kind, name, tenant, hash }) => ({ kind, name, tenant, hash }));
    expect(scopeDigest(resources), scope).toBe(scopeDigest(bare));
  }
});
