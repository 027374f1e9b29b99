import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { CodeOptions, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type Ajv2020 from 'ajv/dist/2020.js';
import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { isKind, type Kind } from '../model/kinds.js';
import { didYouMean } from '../support/closest-name.js';
import { lazyModule } from '../support/lazy-module.js';
import { schemaFormats } from './schema-formats.js';
import { commonSchema, envelopeSchema, kindSchemas } from './schemas.js';
import { uniqueItemsKeyword } from './unique-items.js';
import type { Locate, ValuePath } from '../model/value-path.js';

// Loaded with the first validation: a run whose files all come from the parse cache needs neither.
const ajv2020 = lazyModule<typeof import('ajv/dist/2020.js')>('ajv/dist/2020.js');

interface Validators {
  envelope: ValidateFunction;
  /** Each kind's, compiled when a document of that kind is first checked. */
  kind(kind: Kind): ValidateFunction;
}

let compiled: Validators | undefined;

function validators(): Validators {
  return (compiled ??= precompiledValidators() ?? compileValidators());
}

/** Loads the validators now: a parse thread does so while it waits for its files. */
export function prepareValidators(): void {
  validators();
}

/** The one set-up of Ajv: for compiling here, and into standalone code by the build. */
export function schemaAjv(code?: CodeOptions): Ajv2020.default {
  const ajv = new (ajv2020().Ajv2020)({
    allErrors: true,
    verbose: true,
    strict: true,
    allowUnionTypes: true,
    ...(code ? { code } : {}),
  });
  ajv.removeKeyword('uniqueItems').addKeyword(uniqueItemsKeyword(ajv2020()));
  for (const [name, format] of Object.entries(schemaFormats())) ajv.addFormat(name, format);
  ajv.addSchema(commonSchema);
  return ajv;
}

/**
 * Compiled once per process, and each kind's schema only when needed: compiling is the expensive
 * part of ajv, and a run that parses one changed file checks one or two kinds.
 */
function compileValidators(): Validators {
  const ajv = schemaAjv();
  const kinds = new Map<Kind, ValidateFunction>();
  const kind = (name: Kind) => {
    let validate = kinds.get(name);
    if (!validate) kinds.set(name, (validate = ajv.compile(kindSchemas[name])));
    return validate;
  };
  return { envelope: ajv.compile(envelopeSchema), kind };
}

/** Written by the build (scripts/compile-schemas.mjs) beside this module; absent in the sources. */
export const PRECOMPILED = fileURLToPath(
  new URL('../config/compiled-schemas.cjs', import.meta.url),
);

/**
 * The validators the build compiled to standalone code, as `schemaAjv` would compile them: a
 * run that validates saves loading Ajv and a tenth of a second of compiling.
 */
function precompiledValidators(): Validators | undefined {
  if (!existsSync(PRECOMPILED)) return undefined;
  const functions = loadPrecompiled(PRECOMPILED);
  return { envelope: functions.envelope!, kind: (name) => functions[name]! };
}

/** The validators in a module the build wrote, by name: `envelope` and each kind. */
export function loadPrecompiled(file: string): Record<string, ValidateFunction> {
  const make = createRequire(import.meta.url)(file) as (
    formats: ReturnType<typeof schemaFormats>,
  ) => Record<string, ValidateFunction>;
  return make(schemaFormats());
}

/**
 * Checks one resource document (not a List) against the schema of its kind.
 * `prefix` is where the resource sits in its YAML document (inside a List's items).
 */
export function validateResource(
  value: unknown,
  locate: Locate,
  prefix: ValuePath = [],
  longLists = true,
): Diagnostic[] {
  const long = longLists ? overlongList(value, Infinity, []) : undefined;
  if (long) return [overlong(long, locate, prefix)];
  const { envelope, kind: validatorOf } = validators();
  const kind = (value as { kind?: unknown } | null)?.kind;
  const validate = isKind(kind) ? validatorOf(kind) : envelope;
  if (validate(value)) return [];
  return toDiagnostics(validate.errors ?? [], locate, prefix);
}

/** Checks the envelope of a document: a resource's shape, or a List with items. */
export function validateEnvelope(value: unknown, locate: Locate, longLists = true): Diagnostic[] {
  // A List's own items only: each item's lists are checked with the item.
  const long = longLists ? overlongList(value, 1, []) : undefined;
  if (long) return [overlong(long, locate, [])];
  const { envelope } = validators();
  if (envelope(value)) return [];
  return toDiagnostics(envelope.errors ?? [], locate, []);
}

/**
 * The most items a list may hold (the schemas' largest maxItems). A longer one is reported before
 * Ajv runs, which would check every item: 2,500,000 wrong agents took a minute and 3 GB.
 * `longLists` false skips the walk for a file too short to hold one (mayHoldLongList).
 */
export const MAX_LIST_ITEMS = 100_000;

/**
 * Whether a file this long can hold a list longer than MAX_LIST_ITEMS (`longLists` of the checks
 * above): an item takes two characters at least (`1,`, `-` and a line break), and an alias adds
 * one item, however long what it names.
 */
export function mayHoldLongList(fileText: string): boolean {
  return fileText.length > 2 * MAX_LIST_ITEMS;
}

interface Overlong {
  path: ValuePath;
  length: number;
}

/**
 * The first list longer than MAX_LIST_ITEMS in `value`, down to `levels` levels below it. `path`
 * is a stack the walk pushes and pops, copied only when a list is found: this runs on every
 * resource, and a copy per value cost a tenth of a second in 100,000 resources.
 */
function overlongList(
  value: unknown,
  levels: number,
  path: (string | number)[],
): Overlong | undefined {
  if (Array.isArray(value)) {
    if (value.length > MAX_LIST_ITEMS) return { path: [...path], length: value.length };
    if (levels === 0) return undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item !== 'object' || item === null) continue;
      path.push(i);
      const found = overlongList(item, levels - 1, path);
      path.pop();
      if (found) return found;
    }
  } else if (levels > 0 && typeof value === 'object' && value !== null) {
    for (const key in value) {
      const item = (value as Record<string, unknown>)[key];
      if (typeof item !== 'object' || item === null) continue;
      path.push(key);
      const found = overlongList(item, levels - 1, path);
      path.pop();
      if (found) return found;
    }
  }
  return undefined;
}

function overlong({ path, length }: Overlong, locate: Locate, prefix: ValuePath): Diagnostic {
  const message = `${formatPath(path)}: lists ${length.toLocaleString('en')} items, more than the ${MAX_LIST_ITEMS.toLocaleString('en')} a list may hold (its items are not checked)`;
  return error('SCHEMA', message, { place: locate([...prefix, ...path]) });
}

/**
 * Schema errors turned into diagnostics for one resource. Past this, one more diagnostic counts
 * the rest (`omitted`): a file's first 100 are what is shown anyway (cap-per-file.ts).
 */
const MAX_RESOURCE_DIAGNOSTICS = 1000;

function toDiagnostics(errors: ErrorObject[], locate: Locate, prefix: ValuePath): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  const problems = mostSpecific(errors);
  for (const [i, problem] of problems.entries()) {
    if (out.length === MAX_RESOURCE_DIAGNOSTICS) {
      out.push(leftOut(problems.length - i, problem, locate, prefix));
      break;
    }
    const path = [...prefix, ...pointerToPath(problem.instancePath)];
    const described = describe(problem);
    const { message } = described;
    // A bad key (propertyNames) is reported at that key.
    const at = described.at ?? problem.propertyName;
    const fullPath = at === undefined ? path : [...path, at];
    // A missing field is reported at the key of the map that lacks it (`spec:`), not at
    // the map's first entry; an unknown field at its own key.
    const onKey = at !== undefined || (problem.keyword === 'required' && path.length > 0);
    const place = locate([...fullPath, ...duplicateItem(problem)], onKey ? 'key' : 'value');
    const shown = described.at === undefined ? path : fullPath;
    const key = problem.propertyName === undefined ? '' : 'key ';
    const text = `${formatPath(shown.slice(prefix.length))}: ${key}${message}`;
    const seenKey = `${place.line}:${place.column}:${text}`;
    if (seen.has(seenKey)) continue;
    seen.add(seenKey);
    out.push(error('SCHEMA', text, { place }));
  }
  return out;
}

/** One diagnostic, at the first of them, for `count` schema errors not turned into their own. */
function leftOut(count: number, first: ErrorObject, locate: Locate, prefix: ValuePath): Diagnostic {
  const message = `… and ${count.toLocaleString('en')} more schema errors in this resource, not listed`;
  const place = locate([...prefix, ...pointerToPath(first.instancePath)]);
  return { ...error('SCHEMA', message, { place }), omitted: { errors: count, warnings: 0 } };
}

/** A list that holds an item twice is reported at the second one (uniqueItems' `i`). */
function duplicateItem(problem: ErrorObject): number[] {
  return problem.keyword === 'uniqueItems' ? [(problem.params as { i: number }).i] : [];
}

/** Combinators (anyOf, if/then) repeat their branches' errors; keep the branch errors only. */
function mostSpecific(errors: ErrorObject[]): ErrorObject[] {
  // propertyNames only wraps the key's own errors (pattern, maxLength), which say more.
  const combinators = new Set(['anyOf', 'oneOf', 'if', 'allOf', 'propertyNames']);
  const leaves = errors.filter((e) => !combinators.has(e.keyword));
  const anyOfPaths = new Set(
    errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath),
  );
  // For an anyOf of alternatives at one path, one message is enough: the first branch's.
  const firstPerAnyOf = new Map<string, string>();
  return leaves.filter((e) => {
    if (!anyOfPaths.has(e.instancePath)) return true;
    const branch = e.schemaPath.replace(/\/[^/]+$/, '');
    const first = firstPerAnyOf.get(e.instancePath);
    if (first === undefined) firstPerAnyOf.set(e.instancePath, branch);
    return first === undefined || first === branch;
  });
}

function describe(problem: ErrorObject): { message: string; at?: string } {
  const params = problem.params as Record<string, unknown>;
  switch (problem.keyword) {
    case 'additionalProperties':
      return {
        message: `unknown field ${preview(String(params.additionalProperty))}${didYouMean(String(params.additionalProperty), knownFields(problem))}`,
        at: String(params.additionalProperty),
      };
    case 'required':
      return { message: `missing required field "${String(params.missingProperty)}"` };
    case 'enum':
      return {
        message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}${got(problem.data)}${enumHint(problem.data, params.allowedValues as unknown[])}`,
      };
    case 'const':
      return { message: `must be ${JSON.stringify(params.allowedValue)}${got(problem.data)}` };
    case 'type':
      return {
        message: `must be ${article(String(params.type))}${got(problem.data)}${quoteHint(params.type, problem.data)}`,
      };
    case 'format':
      return {
        message: `${preview(problem.data)} is not ${FORMAT_NAMES[String(params.format)] ?? `a valid ${String(params.format)}`}`,
      };
    case 'pattern':
      return {
        message: `${preview(problem.data)} ${PATTERN_MESSAGES[String(params.pattern)] ?? `does not match ${String(params.pattern)}`}`,
      };
    case 'maxLength':
      return { message: `is longer than ${String(params.limit)} characters` };
    case 'minLength':
      return { message: `must not be empty` };
    case 'uniqueItems':
      return {
        message: `lists the same item twice (items ${String(params.j)} and ${String(params.i)})`,
      };
    case 'propertyNames':
      return { message: `key ${preview(params.propertyName)} is not allowed` };
    default:
      return { message: problem.message ?? problem.keyword };
  }
}

/** The fields the object with an unknown one may hold (`verbose` errors carry its schema). */
function knownFields(problem: ErrorObject): string[] {
  const properties = (problem.parentSchema as { properties?: object } | undefined)?.properties;
  return properties ? Object.keys(properties) : [];
}

/** A wrong value of an enumeration (a kind, a channel type…) next to an allowed one. */
function enumHint(value: unknown, allowed: readonly unknown[]): string {
  if (typeof value !== 'string') return '';
  return didYouMean(
    value,
    allowed.filter((v): v is string => typeof v === 'string'),
  );
}

const FORMAT_NAMES: Record<string, string> = {
  'iana-timezone': 'an IANA time zone (like Europe/Amsterdam)',
  e164: 'an E.164 number (like +31201234567)',
  'hh-mm': 'a time of day as HH:MM',
  'iso3166-alpha2': 'an ISO 3166-1 alpha-2 country code (like NL)',
  email: 'an e-mail address',
  date: 'a date as YYYY-MM-DD',
  'date-time': 'a date-time as YYYY-MM-DDTHH:MM:SS with an offset',
};

/** What the schemas' patterns mean, in words; an unlisted pattern is shown as it is. */
const PATTERN_MESSAGES: Record<string, string> = {
  '^[^A-Z]+$': 'must be written in lower case (e-mail names are lower case)',
  '^[a-z0-9][a-z0-9_-]*$':
    "is not a valid name: lower-case letters, digits, '-' and '_', starting with a letter or digit",
  '^[^\\u0000-\\u001F\\u007F/]+$': "is not a valid name: no control characters and no '/'",
  '^[A-Za-z0-9_-]{1,80}$':
    "is not a valid entry point name: 1 to 80 letters, digits, '_' and '-' (no spaces)",
  '^[A-Za-z0-9][A-Za-z0-9._/-]*$':
    "is not a valid label key: letters, digits, '.', '_', '/' and '-', starting with a letter or digit",
  '^(?![/\\\\])(?!.*(?:^|[/\\\\])\\.\\.(?:[/\\\\]|$))[^\\u0000-\\u001F]+$':
    "is not a relative path inside this folder (no leading '/', no '..', no control characters)",
};

/** YAML 1.2 reads unquoted 0123, 1e3, +3120..., true, null as numbers, booleans or null; yes/no stay text. */
function quoteHint(expected: unknown, data: unknown): string {
  const scalar = data === null || typeof data === 'number' || typeof data === 'boolean';
  if (expected === 'string' && scalar) return '; put the value in quotes to keep it as text';
  const yes = typeof data === 'string' && /^(?:y|n|yes|no|on|off|true|false)$/i.test(data);
  return expected === 'boolean' && yes
    ? '; write true or false (YAML 1.2 reads yes and no as text)'
    : '';
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function got(data: unknown): string {
  return ` (got ${preview(data)})`;
}

/** Values in messages are cut short: a hostile 1 MB string must not fill the terminal. */
function preview(data: unknown): string {
  if (data === undefined) return 'nothing';
  const text =
    typeof data === 'string'
      ? JSON.stringify(data)
      : data === null
        ? 'null'
        : typeof data === 'number' && !Number.isFinite(data)
          ? String(data)
          : Array.isArray(data)
            ? 'a list'
            : typeof data === 'object'
              ? 'a map'
              : JSON.stringify(data);
  return text.length > 60 ? `${text.slice(0, 57)}..."` : text;
}

function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
}

export function formatPath(path: ValuePath): string {
  if (path.length === 0) return '(document)';
  return path
    .map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? cut(s) : `.${cut(s)}`))
    .join('');
}

/** A hostile 1 MB key must not end up whole in a message. */
function cut(segment: string): string {
  return segment.length > 60 ? `${segment.slice(0, 57)}...` : segment;
}
