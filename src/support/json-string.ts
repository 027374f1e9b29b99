/** Printable ASCII but `"` and `\`: what JSON writes between quotes as it is. */
const AS_IS_IN_JSON = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/**
 * A string as JSON.stringify writes it. Names and addresses rarely need escaping: quoted as they
 * are, the stringify calls made per change (four or five, for 100,000 changes in an apply of
 * 100k creates: its revisions' hashes, its plan's digest) are not made.
 */
export function jsonString(value: string): string {
  return AS_IS_IN_JSON.test(value) ? `"${value}"` : JSON.stringify(value);
}

/** jsonString, or `null` as JSON writes it. */
export function jsonStringOrNull(value: string | null): string {
  return value === null ? 'null' : jsonString(value);
}
