import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { addressOf } from '../model/address.js';
import { isGlobalKind, isKind, type Kind, type SpecOf } from '../model/kinds.js';
import { nameProblem } from '../model/names.js';
import { originOf, type DeclaredResource } from '../model/resource.js';
import { inNfc, mayHoldOddText, unstorableStrings } from './document-text.js';
import { mayHoldLongList, validateEnvelope, validateResource } from './validate-schema.js';
import { parseYamlFile, type ParsedDocument } from './yaml-document.js';
import { type Locate } from '../model/value-path.js';
import type { SourceFile } from './source-file.js';

export interface LoadResult {
  resources: DeclaredResource[];
  diagnostics: Diagnostic[];
}

/** Parses and schema-checks configuration files; keeps each resource's source place. */
export function loadConfig(files: readonly SourceFile[]): LoadResult {
  const out: LoadResult = { resources: [], diagnostics: [] };
  for (const file of files) {
    const loaded = loadConfigFile(file);
    for (const resource of loaded.resources) out.resources.push(resource);
    for (const d of loaded.diagnostics) out.diagnostics.push(d);
  }
  return out;
}

/** Where a resource sits in its file: its document, and its index when inside a List. */
export interface ResourcePlace {
  doc: number;
  item?: number;
}

/** One file loaded: its resources, the place of each (same index), and its diagnostics. */
export interface LoadedFile extends LoadResult {
  places: ResourcePlace[];
}

/** Reads, parses and validates one file. */
export function loadConfigFile(file: SourceFile): LoadedFile {
  const out: LoadedFile = { resources: [], diagnostics: [], places: [] };
  const parsed = parseYamlFile(file);
  // Appended one by one: a spread of 100,000 diagnostics overflows the stack.
  for (const d of parsed.diagnostics) out.diagnostics.push(d);
  const text = { odd: mayHoldOddText(file.text), longLists: mayHoldLongList(file.text) };
  for (const [doc, document] of parsed.documents.entries()) {
    const result = resourcesOf(document, text);
    for (const d of result.diagnostics) out.diagnostics.push(d);
    for (const { resource, item } of result.placed) {
      out.resources.push(resource);
      out.places.push(item === undefined ? { doc } : { doc, item });
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
  if (diagnostics.length > 0) return { placed: [], diagnostics: declaring(value, diagnostics) };
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

/**
 * The schema's errors on a document, marked with the address it declares when that is readable:
 * one bad field makes the resource invalid, not undeclared (rules/references/ref-unknown.ts).
 */
function declaring(value: unknown, diagnostics: Diagnostic[]): Diagnostic[] {
  const { kind, metadata } = (value ?? {}) as { kind?: unknown; metadata?: unknown };
  const { name, tenant } = (metadata ?? {}) as { name?: unknown; tenant?: unknown };
  if (!isKind(kind) || typeof name !== 'string' || nameProblem(name) !== undefined)
    return diagnostics;
  const global = isGlobalKind(kind);
  if (!global && typeof tenant !== 'string') return diagnostics;
  const declares = addressOf(kind, name, global ? null : (tenant as string));
  return diagnostics.map((d) => ({ ...d, declares }));
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

function isList(value: unknown): value is { kind: 'List'; items: unknown[] } {
  return (value as { kind?: unknown } | null)?.kind === 'List';
}
