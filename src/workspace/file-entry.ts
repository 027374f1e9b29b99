import type { Place } from '../diagnostics/diagnostic.js';
import { addressOf } from '../model/address.js';
import type { Kind, SpecOf } from '../model/kinds.js';
import type { ResourceValue } from '../model/model.js';
import type { DeclaredResource, Origin } from '../model/resource.js';
import { inNfc, mayHoldOddText } from '../config/document-text.js';
import type { SourceFile } from '../config/source-file.js';
import { parseYamlFile, type ParseResult } from '../config/yaml-document.js';
import { type ValuePath } from '../model/value-path.js';

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
  /** With `hash`: the resource's term of its scope's digest (scope-digest.ts digestTerm). */
  term?: string;
  spec?: SpecOf<Kind>;
  labels?: Record<string, string>;
}

/**
 * The declared resources of a cached file. Places and the spec as written are found by parsing
 * the file again, lazily: only when a diagnostic points into it or a rule asks for the declaration.
 */
export function declaredFromEntry(entry: FileEntry, source: SourceFile): DeclaredResource[] {
  const file = new CachedFile(source);
  return entry.resources.map((resource) =>
    resource.value !== undefined && resource.hash !== undefined
      ? new CachedDeclaration(resource, file)
      : declaredAsWritten(resource, file),
  );
}

/** A cached file, parsed again the first time a declaration from it needs its document. */
class CachedFile {
  #parsed: ParseResult | undefined;

  constructor(readonly source: SourceFile) {}

  document(doc: number) {
    return (this.#parsed ??= parseYamlFile(this.source)).documents[doc];
  }

  origin(resource: EntryResource): Origin {
    return new EntryOrigin(this, resource);
  }

  /** A place in `resource`'s document; the file's start when the document is gone. */
  locate(resource: EntryResource, path: ValuePath, target?: 'value' | 'key'): Place {
    const { doc, item } = resource;
    const prefix: ValuePath = item === undefined ? [] : ['items', item];
    return (
      this.document(doc)?.locate([...prefix, ...path], target) ?? {
        file: this.source.path,
        line: 1,
        column: 1,
      }
    );
  }

  /** The spec as loading gave it: in NFC, as the resource's names are (document-text.ts). */
  writtenSpec(resource: EntryResource): SpecOf<Kind> {
    const spec = writtenSpec(this.document(resource.doc)?.value, resource.item);
    return mayHoldOddText(this.source.text) ? (inNfc(spec) as SpecOf<Kind>) : spec;
  }
}

/** Where a cached resource is: found in its file's document when first asked for. */
class EntryOrigin implements Origin {
  readonly file: string;

  constructor(
    private readonly cached: CachedFile,
    private readonly resource: EntryResource,
  ) {
    this.file = cached.source.path;
  }

  locate(path: ValuePath, target?: 'value' | 'key'): Place {
    return this.cached.locate(this.resource, path, target);
  }
}

/**
 * A declaration whose canonical value the entry holds. The spec as written is rarely needed then,
 * so it is read on demand. It is its own origin (it knows its entry and file), so no origin is
 * made per resource. One class, so every declaration of every file shares its getters: a hundred
 * thousand of them are made per run.
 */
class CachedDeclaration implements DeclaredResource, Origin {
  readonly kind: Kind;
  readonly name: string;
  readonly tenant: string | null;
  readonly address: string;
  readonly labels?: Record<string, string>;
  readonly file: string;
  #entry: EntryResource;
  #file: CachedFile;
  #spec: SpecOf<Kind> | undefined;

  constructor(entry: EntryResource, file: CachedFile) {
    this.kind = entry.kind;
    this.name = entry.name;
    this.tenant = entry.tenant;
    this.address = addressOf(entry.kind, entry.name, entry.tenant);
    if (entry.value!.labels) this.labels = entry.value!.labels;
    this.file = file.source.path;
    this.#entry = entry;
    this.#file = file;
  }

  get canonical(): { value: ResourceValue; hash: string; digestTerm?: string } {
    const { value, hash, term } = this.#entry;
    return { value: value!, hash: hash!, digestTerm: term };
  }

  get spec(): SpecOf<Kind> {
    return (this.#spec ??= this.#file.writtenSpec(this.#entry));
  }

  get origin(): Origin {
    return this;
  }

  locate(path: ValuePath, target?: 'value' | 'key'): Place {
    return this.#file.locate(this.#entry, path, target);
  }
}

/** A declaration the entry keeps as written (its canonical value needs the whole configuration). */
function declaredAsWritten(resource: EntryResource, file: CachedFile): DeclaredResource {
  const { kind, name, tenant, labels } = resource;
  return {
    kind,
    name,
    tenant,
    address: addressOf(kind, name, tenant),
    origin: file.origin(resource),
    ...(labels ? { labels } : {}),
    spec: resource.spec ?? ({} as SpecOf<Kind>),
  };
}

function writtenSpec(documentValue: unknown, item: number | undefined): SpecOf<Kind> {
  const value =
    item === undefined
      ? documentValue
      : (documentValue as { items?: unknown[] } | undefined)?.items?.[item];
  return ((value as { spec?: unknown } | undefined)?.spec ?? {}) as SpecOf<Kind>;
}
