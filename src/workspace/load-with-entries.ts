import { loadConfigFile, type LoadedFile, type LoadResult } from '../config/load-config.js';
import type { SourceFile } from '../config/source-file.js';
import { selfContainedCanonical } from '../model/canonicalize.js';
import { digestTerm } from '../model/scope-digest.js';
import type { DeclaredResource } from '../model/resource.js';
import { declaredFromEntry, type EntryResource, type FileEntry } from './file-entry.js';
import { jsonString, jsonStringOrNull } from '../support/json-string.js';

/*
 * Loading with the parse cache: config/load-config.ts reads, parses and validates a file; here a
 * file the cache has an entry for is not parsed, and a file parsed now yields the entry to keep.
 */

/** A file's cache entry, and its JSON as the cache keeps it. */
export interface MadeEntry {
  entry: FileEntry;
  json: string;
}

export interface CachedLoadResult extends LoadResult {
  /** Entries for the files parsed now that came out clean, keyed by the index of their file. */
  fresh: Map<number, MadeEntry>;
}

/**
 * As `loadConfig`, but a file with an entry (from the parse cache) is not parsed: its resources
 * come from the entry. Files parsed now that have no diagnostics yield entries to cache.
 */
export function loadConfigWithEntries(
  files: readonly SourceFile[],
  entries: readonly (FileEntry | undefined)[],
): CachedLoadResult {
  const out: CachedLoadResult = { resources: [], diagnostics: [], fresh: new Map() };
  for (const [index, file] of files.entries()) {
    const entry = entries[index];
    if (entry) {
      for (const resource of declaredFromEntry(entry, file)) out.resources.push(resource);
      continue;
    }
    const loaded = loadConfigFile(file);
    const made = entryOf(loaded);
    for (const resource of loaded.resources) out.resources.push(resource);
    for (const d of loaded.diagnostics) out.diagnostics.push(d);
    if (loaded.diagnostics.length === 0) out.fresh.set(index, made);
  }
  return out;
}

/** The cache entry of one file, or undefined when it has diagnostics (they are not cached). */
export function loadFileEntry(file: SourceFile): MadeEntry | undefined {
  const loaded = loadConfigFile(file);
  const made = entryOf(loaded);
  return loaded.diagnostics.length === 0 ? made : undefined;
}

/**
 * The entry of a file's resources, and its JSON; a resource whose canonical value the entry holds
 * gets it now too, so the model does not compute it again. The JSON is put together from each
 * canonical value's own, made for its hash: writing the values out again cost as much.
 */
function entryOf(loaded: LoadedFile): MadeEntry {
  const texts: string[] = [];
  const resources = loaded.resources.map((resource, i) => {
    const { doc, item } = loaded.places[i]!;
    const { entry, json } = entryResource(resource, doc, item);
    if (entry.hash !== undefined && entry.value !== undefined)
      resource.canonical = { value: entry.value, hash: entry.hash, digestTerm: entry.term };
    texts.push(json);
    return entry;
  });
  return { entry: { resources }, json: `{"resources":[${texts.join(',')}]}` };
}

/** What the cache keeps of a resource: its canonical value when self-contained, else its spec. */
function entryResource(
  resource: DeclaredResource,
  doc: number,
  item?: number,
): { entry: EntryResource; json: string } {
  const { kind, name, tenant } = resource;
  const canonical = selfContainedCanonical(resource);
  if (canonical) {
    const { value, hash, json } = canonical;
    // Made here, where the file is parsed: on the second thread for the files it parses.
    const term = digestTerm({ kind, name, tenant, hash });
    // Written out field by field, not spread from a place: this runs once per resource.
    const entry: EntryResource =
      item === undefined
        ? { kind, name, tenant, doc, value, hash, term }
        : { kind, name, tenant, doc, item, value, hash, term };
    // As JSON.stringify(entry) writes it, the value's JSON taken as made (the hash and term are
    // hex, a kind a plain word).
    const at = item === undefined ? `"doc":${doc}` : `"doc":${doc},"item":${item}`;
    const who = `"kind":"${kind}","name":${jsonString(name)},"tenant":${jsonStringOrNull(tenant)}`;
    return { entry, json: `{${who},${at},"value":${json},"hash":"${hash}","term":"${term}"}` };
  }
  const place = item === undefined ? { doc } : { doc, item };
  const entry: EntryResource = {
    kind,
    name,
    tenant,
    ...place,
    spec: resource.spec,
    ...(resource.labels ? { labels: resource.labels } : {}),
  };
  return { entry, json: JSON.stringify(entry) };
}
