import type { Document, Node } from 'yaml';
import { error, type Diagnostic, type Place } from '../diagnostics/diagnostic.js';
import type { Locate, ValuePath } from '../model/value-path.js';
import { lazyModule } from '../support/lazy-module.js';
import { aliasProblem, MAX_ALIAS_VALUES } from './alias-expansion.js';
import { parseBounded } from './bounded-parse.js';
import { fastParseValues } from './fast-values.js';
import { fastParsePlaces } from './fast-yaml.js';
import type { SourceFile } from './source-file.js';
import { placeAt, type ValuePlace } from './value-place.js';

/** One YAML document: its plain value and a way back to source places. */
export interface ParsedDocument {
  file: string;
  value: unknown;
  locate: Locate;
}

export interface ParseResult {
  documents: ParsedDocument[];
  diagnostics: Diagnostic[];
}

const yaml = lazyModule<typeof import('yaml')>('yaml');

/**
 * Parses a file with the fast parser when it can (see fast-yaml.ts), else with `yaml`. Places are
 * found lazily: the first `locate` into a fast-parsed file reads it again with the fast parser,
 * noting where each value is, so only files that a diagnostic points into pay for places.
 */
export function parseYamlFile(source: SourceFile): ParseResult {
  const values = fastParseValues(source.text);
  if (!values) return parseYamlFileExact(source);
  let places: ValuePlace[] | undefined;
  const documents = values.map((value, index): ParsedDocument => {
    const locate: Locate = (path, target = 'value') => {
      // The same text as fastParseValues read: the fast parser answers again.
      places ??= fastParsePlaces(source.text)!;
      return { file: source.path, ...placeAt(places[index]!, path, target) };
    };
    return { file: source.path, value, locate };
  });
  return { documents, diagnostics: [] };
}

/** Parses a file with `yaml`: exact places for every value, and every YAML problem as a diagnostic. */
export function parseYamlFileExact(source: SourceFile): ParseResult {
  const lineCounter = new (yaml().LineCounter)();
  const documents: ParsedDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  const placeAt = (offset: number): Place => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: source.path, line, column: col };
  };
  const parsed = parseBounded(source.text, lineCounter);
  if (parsed.refused) {
    const { message, offset } = parsed.refused;
    return { documents, diagnostics: [error('YAML', message, { place: placeAt(offset) })] };
  }
  for (const doc of parsed.docs) {
    const problems = [...doc.errors];
    if (problems.length > 0) {
      for (const problem of problems) {
        diagnostics.push(
          error('YAML', yamlMessage(problem.code, problem.message), {
            place: placeAt(problem.pos[0]),
          }),
        );
      }
      continue;
    }
    if (doc.contents === null) continue; // an empty document between `---` lines
    const locate = locator(doc, placeAt);
    const converted = toPlain(doc, locate, (node) => placeAt(node.range?.[0] ?? 0));
    for (const d of converted.diagnostics) diagnostics.push(d);
    if (converted.value !== undefined)
      documents.push({ file: source.path, value: converted.value, locate });
  }
  return { documents, diagnostics };
}

/** Messages are one line and short: a hostile 1 MB key or alias name must not fill the terminal. */
const MAX_MESSAGE = 200;

function short(text: string): string {
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 3)}...` : text;
}

function yamlMessage(code: string, message: string): string {
  const firstLine = message.split('\n')[0] ?? message;
  const text = short(firstLine.replace(/ at line \d+, column \d+:?$/, ''));
  if (code === 'RESOURCE_EXHAUSTION') return `document is nested too deeply to read (${text})`;
  if (code === 'DUPLICATE_KEY') return `duplicate key: ${text}`;
  return text;
}

interface Converted {
  value?: unknown;
  diagnostics: Diagnostic[];
}

function toPlain(doc: Document, locate: Locate, placeOf: (node: Node) => Place): Converted {
  const found = aliasProblem(doc, yaml());
  if (found) {
    const { alias, problem } = found;
    const message = {
      unresolved: `alias *${alias.source} names no anchor defined before it`,
      cycle: `alias *${alias.source} stands inside the value it names`,
      'too-many': `alias limit exceeded: aliases expand too far (more than ${MAX_ALIAS_VALUES.toLocaleString('en')} values in this document)`,
    }[problem];
    return { diagnostics: [error('YAML', short(message), { place: placeOf(alias) })] };
  }
  // Aliases are bounded above, by what they expand to (aliasProblem).
  const raw = doc.toJS({ maxAliasCount: -1 }) as unknown;
  const unsafe: ValuePath[] = [];
  const value = normaliseNumbers(raw, [], unsafe);
  const diagnostics = unsafe.map((path) =>
    error('SCHEMA', 'integer is beyond ±2^53 and cannot be represented exactly', {
      place: locate(path),
    }),
  );
  return { value, diagnostics };
}

/** yaml gives integers as BigInt so that large ones are caught, not rounded. */
function normaliseNumbers(value: unknown, path: (string | number)[], unsafe: ValuePath[]): unknown {
  if (typeof value === 'bigint') {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER))
      unsafe.push([...path]);
    return Number(value);
  }
  if (Array.isArray(value))
    return value.map((item, i) => normaliseNumbers(item, [...path, i], unsafe));
  if (value !== null && typeof value === 'object') {
    // fromEntries defines own properties, so a "__proto__" key stays a plain key.
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        normaliseNumbers(item, [...path, key], unsafe),
      ]),
    );
  }
  return value;
}

function locator(doc: Document, placeAt: (offset: number) => Place): Locate {
  const { isMap, isPair, isScalar, isSeq } = yaml();
  return (path, target = 'value') => {
    let node: Node | null = doc.contents as Node | null;
    let offset = node?.range?.[0] ?? 0;
    for (const [i, segment] of path.entries()) {
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find(
          (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment),
        );
        if (!pair) break;
        const keyNode = pair.key as Node;
        offset = keyNode.range?.[0] ?? offset;
        if (last && target === 'key') break;
        node = (pair.value as Node | null) ?? null;
        if (node?.range) offset = node.range[0];
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment] as Node | undefined;
        if (!item) break;
        node = item;
        if (item.range) offset = item.range[0];
      } else {
        break;
      }
    }
    return placeAt(offset);
  };
}
