/**
 * Both adapters parse int8 (bigint, count(*), sequences) the same way: a number when it is
 * exact, otherwise the decimal text, so callers never see JS bigint on one adapter and strings on the other.
 */
export function parseInt8(text: string): number | string {
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : text;
}

export const INT8_OID = 20;
