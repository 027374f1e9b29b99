import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { addressOf } from '../model/address.js';
import { selfContainedCanonical } from '../model/canonicalize.js';
import { isGlobalKind, type Kind, type SpecOf } from '../model/kinds.js';
import { nameProblem } from '../model/names.js';
import { originOf, type DeclaredResource } from '../model/resource.js';
import { inNfc, mayHoldOddText, unstorableStrings } from './document-text.js';
import { declaredFromEntry, type EntryResource, type FileEntry } from './file-entry.js';
import { mayHoldLongList, validateEnvelope, validateResource } from './validate-schema.js';
import { parseYamlFile, type ParsedDocument } from './yaml-document.js';
import { type Locate } from '../model/value-path.js';
import type { SourceFile } from './source-file.js';

export interface LoadResult {
  resources: DeclaredResource[];
  diagnostics: Diagnostic[];
}

export interface CachedLoadResult extends LoadResult {
  /** Entries for the files parsed now that came out clean, keyed by the index of their file. */
  fresh: Map<number, FileEntry>;
}

/** Parses and schema-checks configuration files; keeps each resource's source place. */
export function loadConfig(files: readonly SourceFile[]): LoadResult {
  const { resources, diagnostics } = loadConfigWithEntries(files, []);
  return { resources, diagnostics };
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
    const loaded = loadFile(file);
    for (const resource of loaded.resources) out.resources.push(resource);
    for (const d of loaded.diagnostics) out.diagnostics.push(d);
    if (loaded.diagnostics.length === 0) out.fresh.set(index, { resources: loaded.entries });
  }
  return out;
}

/** The cache entry of one file, or undefined when it has diagnostics (they are not cached). */
export function loadFileEntry(file: SourceFile): FileEntry | undefined {
  const loaded = loadFile(file);
  return loaded.diagnostics.length === 0 ? { resources: loaded.entries } : undefined;
}

interface LoadedFile extends LoadResult {
  entries: EntryResource[];
}

function loadFile(file: SourceFile): LoadedFile {
  const out: LoadedFile = { resources: [], diagnostics: [], entries: [] };
  const parsed = parseYamlFile(file);
  // Appended one by one: a spread of 100,000 diagnostics overflows the stack.
  for (const d of parsed.diagnostics) out.diagnostics.push(d);
  const text = { odd: mayHoldOddText(file.text), longLists: mayHoldLongList(file.text) };
  for (const [doc, document] of parsed.documents.entries()) {
    const result = resourcesOf(document, text);
    for (const d of result.diagnostics) out.diagnostics.push(d);
    for (const { resource, item } of result.placed) {
      const entry = entryResource(resource, doc, item);
      if (entry.hash !== undefined && entry.value !== undefined)
        resource.canonical = { value: entry.value, hash: entry.hash };
      out.resources.push(resource);
      out.entries.push(entry);
    }
  }
  return out;
}

/** A resource and, inside a List, its index in the items. */
interface Placed {
  resource: DeclaredResource;
  item?: number;
}

interface DocumentResult {
  placed: Placed[];
  diagnostics: Diagnostic[];
}

/** What a file's text may hold: text to normalise or refuse (document-text.ts), long lists. */
interface TextFacts {
  odd: boolean;
  longLists: boolean;
}

function resourcesOf(document: ParsedDocument, text: TextFacts): DocumentResult {
  const { value, locate, file } = document;
  if (!isList(value)) return checked(value, document, undefined, text);
  const envelope = validateEnvelope(value, locate, text.longLists);
  if (envelope.length > 0) return { placed: [], diagnostics: envelope };
  const out: DocumentResult = { placed: [], diagnostics: [] };
  for (const [i, item] of value.items.entries()) {
    if (isList(item)) {
      out.diagnostics.push(
        error('SCHEMA', 'a List cannot hold another List', { place: locate(['items', i]) }),
      );
      continue;
    }
    const result = checked(item, { file, locate, value: item }, i, text);
    out.placed.push(...result.placed);
    for (const d of result.diagnostics) out.diagnostics.push(d);
  }
  return out;
}

/**
 * One resource document: its text checked and put in NFC (when the file may need it), then its
 * schema, then its name; a resource with any diagnostic is not loaded.
 */
function checked(
  written: unknown,
  document: ParsedDocument,
  item: number | undefined,
  text: TextFacts,
): DocumentResult {
  const prefix = item === undefined ? [] : ['items', item];
  const locate: Locate = (path, target) => document.locate([...prefix, ...path], target);
  const unstorable = text.odd ? unstorableStrings(written, locate) : [];
  if (unstorable.length > 0) return { placed: [], diagnostics: unstorable };
  const value = text.odd ? inNfc(written) : written;
  const diagnostics = validateResource(value, document.locate, prefix, text.longLists);
  if (diagnostics.length > 0) return { placed: [], diagnostics };
  const name = (value as ValidDocument).metadata.name;
  const problem = nameProblem(name);
  if (problem !== undefined) {
    const message = `metadata.name: ${problem} (got ${JSON.stringify(name)})`;
    const place = locate(['metadata', 'name']);
    return { placed: [], diagnostics: [error('SCHEMA', message, { place })] };
  }
  const resource = toResource(value as ValidDocument, document, prefix);
  return { placed: [item === undefined ? { resource } : { resource, item }], diagnostics: [] };
}

interface ValidDocument {
  kind: Kind;
  metadata: { name: string; tenant?: string; labels?: Record<string, string> };
  spec?: SpecOf<Kind>;
}

function toResource(
  doc: ValidDocument,
  document: ParsedDocument,
  prefix: (string | number)[],
): DeclaredResource {
  const tenant = isGlobalKind(doc.kind) ? null : (doc.metadata.tenant ?? null);
  const resource: DeclaredResource = {
    kind: doc.kind,
    name: doc.metadata.name,
    tenant,
    address: addressOf(doc.kind, doc.metadata.name, tenant),
    spec: doc.spec ?? ({} as SpecOf<Kind>),
    origin: originOf(document.file, document.locate, prefix),
  };
  if (doc.metadata.labels) resource.labels = doc.metadata.labels;
  return resource;
}

/** What the cache keeps of a resource: its canonical value when self-contained, else its spec. */
function entryResource(resource: DeclaredResource, doc: number, item?: number): EntryResource {
  const { kind, name, tenant } = resource;
  const place = item === undefined ? { doc } : { doc, item };
  const canonical = selfContainedCanonical(resource);
  if (canonical) return { kind, name, tenant, ...place, ...canonical };
  return {
    kind,
    name,
    tenant,
    ...place,
    spec: resource.spec,
    ...(resource.labels ? { labels: resource.labels } : {}),
  };
}

function isList(value: unknown): value is { kind: 'List'; items: unknown[] } {
  return (value as { kind?: unknown } | null)?.kind === 'List';
}
