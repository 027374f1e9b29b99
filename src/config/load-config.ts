import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { addressOf } from '../model/address.js';
import { isGlobalKind, type Kind, type SpecOf } from '../model/kinds.js';
import { originOf, type DeclaredResource } from '../model/resource.js';
import { validateEnvelope, validateResource } from './validate-schema.js';
import { parseYamlFile, type ParsedDocument } from './yaml-document.js';
import type { SourceFile } from './source-file.js';

export interface LoadResult {
  resources: DeclaredResource[];
  diagnostics: Diagnostic[];
}

/** Parses and schema-checks configuration files; keeps each resource's source place. */
export function loadConfig(files: readonly SourceFile[]): LoadResult {
  const resources: DeclaredResource[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const parsed = parseYamlFile(file);
    diagnostics.push(...parsed.diagnostics);
    for (const document of parsed.documents) {
      const result = resourcesOf(document);
      resources.push(...result.resources);
      diagnostics.push(...result.diagnostics);
    }
  }
  return { resources, diagnostics };
}

function resourcesOf(document: ParsedDocument): LoadResult {
  const { value, locate, file } = document;
  if (!isList(value)) return checked(value, document, []);
  const envelope = validateEnvelope(value, locate);
  if (envelope.length > 0) return { resources: [], diagnostics: envelope };
  const out: LoadResult = { resources: [], diagnostics: [] };
  for (const [i, item] of value.items.entries()) {
    if (isList(item)) {
      out.diagnostics.push(
        error('SCHEMA', 'a List cannot hold another List', { place: locate(['items', i]) }),
      );
      continue;
    }
    const result = checked(item, { file, locate, value: item }, ['items', i]);
    out.resources.push(...result.resources);
    out.diagnostics.push(...result.diagnostics);
  }
  return out;
}

function checked(
  value: unknown,
  document: ParsedDocument,
  prefix: (string | number)[],
): LoadResult {
  const diagnostics = validateResource(value, document.locate, prefix);
  if (diagnostics.length > 0) return { resources: [], diagnostics };
  return { resources: [toResource(value as ValidDocument, document, prefix)], diagnostics: [] };
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
