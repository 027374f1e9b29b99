import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { checkConfig } from '../../../src/config/check-config.js';
import { Model } from '../../../src/model/model.js';
import { digestTerm } from '../../../src/model/scope-digest.js';
import { scopeFacts, scopesHeld, summarizeConfig } from '../../../src/workspace/config-summary.js';
import type { FileEntry } from '../../../src/workspace/file-entry.js';
import { loadConfigWithEntries, loadFileEntry } from '../../../src/workspace/load-with-entries.js';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return yamlFiles(full);
      return /\.ya?ml$/.test(name) ? [full] : [];
    });
}

const files = yamlFiles('examples').map((file) => ({
  path: file,
  text: readFileSync(file, 'utf8'),
  digest: 'd',
}));

/**
 * Each resource's term of its scope digest is made on the thread that parses its file, beside its
 * hash, and kept in the file's cache entry (load-with-entries.ts): the summary's digests, which
 * only sum those terms, must be what the resources' kinds, names, tenants and hashes give.
 */
test('an entry holds the term of each resource it holds the hash of', () => {
  let terms = 0;
  for (const file of files) {
    for (const resource of loadFileEntry(file)?.entry.resources ?? []) {
      if (resource.hash === undefined) continue;
      expect(resource.term, `${file.path} ${resource.name}`).toBe(digestTerm(resource as never));
      terms++;
    }
  }
  expect(terms).toBeGreaterThan(20);
});

test('digests summed from the terms of entries, fresh or read back, are those of the resources', () => {
  const fresh = files.map((file) => loadFileEntry(file)?.entry);
  // As the second thread and the cache hand an entry over: its JSON parsed.
  const readBack = files.map((file) => {
    const json = loadFileEntry(file)?.json;
    return json === undefined ? undefined : (JSON.parse(json) as FileEntry);
  });
  for (const entries of [fresh, readBack]) {
    const declared = loadConfigWithEntries(files, entries).resources;
    const checked = checkConfig(declared, [], new Map(), []);
    const resources = [...checked.desired.byAddress.values()];
    expect(resources.filter((r) => r.term !== undefined).length).toBeGreaterThan(20);
    const withoutTerms = new Model(resources.map((r) => ({ ...r, term: undefined })));
    const { digests } = summarizeConfig(checked);
    expect(digests).toEqual(scopeFacts(withoutTerms, scopesHeld(withoutTerms)).digests);
    expect(Object.keys(digests).length).toBeGreaterThan(1);
  }
});
