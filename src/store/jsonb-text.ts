import { hash } from 'node:crypto';

/**
 * What PostgreSQL prints for `value::jsonb::text` when `value` reaches it as its JSON text
 * (JSON.stringify, as ccac writes): keys ordered as jsonb keeps them (shorter first, then by
 * bytes), `": "` and `", "` between items, numbers as `numeric` prints them. It lets an apply
 * compute a row's checksum itself and COPY created rows straight into `resources`.
 */
export function jsonbText(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      // JSON.stringify escapes exactly what jsonb's output escapes (quote, backslash, controls).
      return JSON.stringify(value);
    case 'number':
      return numericText(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      return Array.isArray(value) ? arrayText(value) : objectText(value);
    default:
      throw new NotJsonData(typeof value);
  }
}

/** A value JSON.stringify would change on its way (a function, a class instance, a bigint). */
export class NotJsonData extends Error {}

function arrayText(items: readonly unknown[]): string {
  let text = '[';
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (i > 0) text += ', ';
    text += item === undefined ? 'null' : jsonbText(item);
  }
  return `${text}]`;
}

function objectText(value: object): string {
  if (Object.getPrototypeOf(value) !== Object.prototype) throw new NotJsonData('class instance');
  const record = value as Record<string, unknown>;
  const { keys, labels } = jsonbOrderOf(Object.keys(record));
  let text = '{';
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const item = record[keys[i]!];
    if (item === undefined) continue;
    text += `${first ? '' : ', '}${labels[i]}${jsonbText(item)}`;
    first = false;
  }
  return `${text}}`;
}

/** Keys in jsonb's order, each with its `"key": ` label. */
interface KeyOrder {
  keys: string[];
  labels: string[];
}

/**
 * The objects of a configuration come in a few shapes (a kind's spec, its nested maps): the
 * order and labels of a shape's keys are made once and looked up by the keys as listed.
 */
const orders = new Map<string, KeyOrder>();
const MAX_ORDERS = 10_000;

function jsonbOrderOf(listed: string[]): KeyOrder {
  const shape = JSON.stringify(listed); // unambiguous, whatever the keys hold
  let order = orders.get(shape);
  if (order === undefined) {
    const keys = [...listed].sort(jsonbKeyOrder);
    order = { keys, labels: keys.map((key) => `${JSON.stringify(key)}: `) };
    if (orders.size < MAX_ORDERS) orders.set(shape, order);
  }
  return order;
}

/** jsonb's key order: by length in UTF-8 bytes, then bytewise. */
function jsonbKeyOrder(a: string, b: string): number {
  const lengths = utf8Length(a) - utf8Length(b);
  if (lengths !== 0) return lengths;
  // ASCII (as many bytes as code units): the code units order as the bytes do.
  if (a.length === utf8Length(a) && b.length === utf8Length(b)) return a < b ? -1 : a > b ? 1 : 0;
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/**
 * Keys repeat across every resource of a kind: their UTF-8 lengths are remembered rather than
 * measured at each comparison (a bounded number of them, whatever the input holds).
 */
const knownLengths = new Map<string, number>();
const MAX_KNOWN_LENGTHS = 10_000;

function utf8Length(key: string): number {
  let length = knownLengths.get(key);
  if (length === undefined) {
    length = Buffer.byteLength(key);
    if (knownLengths.size < MAX_KNOWN_LENGTHS) knownLengths.set(key, length);
  }
  return length;
}

/**
 * `numeric`'s text of the number JSON.stringify writes: the same digits, except that an
 * exponent (`1e+21`, `1.5e-7`) is written out in full, as `numeric` keeps no exponent.
 */
function numericText(n: number): string {
  const text = JSON.stringify(n); // "null" for NaN and infinities, as they are sent
  const e = text.indexOf('e');
  if (e < 0) return text;
  const negative = text.startsWith('-');
  const mantissa = text.slice(negative ? 1 : 0, e);
  const exponent = Number(text.slice(e + 1));
  const point = mantissa.indexOf('.');
  const digits = point < 0 ? mantissa : mantissa.slice(0, point) + mantissa.slice(point + 1);
  const scale = (point < 0 ? 0 : mantissa.length - point - 1) - exponent;
  let out: string;
  if (scale <= 0) out = digits + '0'.repeat(-scale);
  else {
    const padded = digits.padStart(scale + 1, '0');
    out = `${padded.slice(0, -scale)}.${padded.slice(-scale)}`;
  }
  return negative ? `-${out}` : out;
}

/**
 * A resource row's checksum as rowChecksum's SQL computes it: md5 of scope, kind, name, tenant,
 * hash and the value's jsonb text joined by U+001F, a null tenant left out as concat_ws does.
 */
export function rowMd5(
  row: { scope: string; kind: string; name: string; tenant: string | null; hash: string },
  valueText: string,
): string {
  const { scope, kind, name, tenant, hash: valueHash } = row;
  const parts =
    tenant === null ? [scope, kind, name, valueHash] : [scope, kind, name, tenant, valueHash];
  return hash('md5', `${parts.join('\u001f')}\u001f${valueText}`, 'hex');
}
