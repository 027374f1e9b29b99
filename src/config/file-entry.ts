import { addressOf } from '../model/address.js';
import type { Kind, SpecOf } from '../model/kinds.js';
import type { ResourceValue } from '../model/model.js';
import type { DeclaredResource, Origin } from '../model/resource.js';
import type { SourceFile } from './source-file.js';
import { parseYamlFile, type ParseResult, type ValuePath } from './yaml-document.js';

/**
 * What a clean configuration file yields, as plain JSON: the parse cache keeps one per file
 * content, so an unchanged file is neither parsed, validated nor canonicalized again.
 */
export interface FileEntry {
  resources: EntryResource[];
}

/**
 * One resource of a file: where it is (document, and item inside a List), and either its canonical
 * value and hash (when they depend on nothing outside the document) or its spec as written.
 */
export interface EntryResource {
  kind: Kind;
  name: string;
  tenant: string | null;
  doc: number;
  item?: number;
  value?: ResourceValue;
  hash?: string;
  spec?: SpecOf<Kind>;
  labels?: Record<string, string>;
}

/**
 * The declared resources of a cached file. Places and the spec as written are found by parsing
 * the file again, lazily: only when a diagnostic points into it or a rule asks for the declaration.
 */
export function declaredFromEntry(entry: FileEntry, source: SourceFile): DeclaredResource[] {
  let parsed: ParseResult | undefined;
  const document = (doc: number) => (parsed ??= parseYamlFile(source)).documents[doc];
  return entry.resources.map((resource) => {
    const prefix: ValuePath = resource.item === undefined ? [] : ['items', resource.item];
    const origin: Origin = {
      file: source.path,
      locate: (path, target) =>
        document(resource.doc)?.locate([...prefix, ...path], target) ?? {
          file: source.path,
          line: 1,
          column: 1,
        },
    };
    return declaredResource(resource, origin, () =>
      writtenSpec(document(resource.doc)?.value, resource.item),
    );
  });
}

function declaredResource(
  resource: EntryResource,
  origin: Origin,
  readSpec: () => SpecOf<Kind>,
): DeclaredResource {
  const { kind, name, tenant } = resource;
  const labels = resource.value?.labels ?? resource.labels;
  const declared = {
    kind,
    name,
    tenant,
    address: addressOf(kind, name, tenant),
    origin,
    ...(labels ? { labels } : {}),
  } as DeclaredResource;
  if (resource.value !== undefined && resource.hash !== undefined) {
    declared.canonical = { value: resource.value, hash: resource.hash };
    let spec: SpecOf<Kind> | undefined;
    // The spec as written is rarely needed once the canonical value is known: read it on demand.
    Object.defineProperty(declared, 'spec', {
      enumerable: true,
      get: () => (spec ??= readSpec()),
    });
  } else {
    declared.spec = resource.spec ?? ({} as SpecOf<Kind>);
  }
  return declared;
}

function writtenSpec(documentValue: unknown, item: number | undefined): SpecOf<Kind> {
  const value =
    item === undefined
      ? documentValue
      : (documentValue as { items?: unknown[] } | undefined)?.items?.[item];
  return ((value as { spec?: unknown } | undefined)?.spec ?? {}) as SpecOf<Kind>;
}
