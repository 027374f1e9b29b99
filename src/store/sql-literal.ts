/**
 * A text as an SQL string literal, for the statements that take no parameters (COPY): quotes
 * doubled, and backslashes too under `E''`, so that it reads the same whatever
 * standard_conforming_strings is (as pg's escapeLiteral writes it).
 */
export function sqlLiteral(text: string): string {
  const quoted = `'${text.replaceAll("'", "''")}'`;
  return text.includes('\\') ? ` E${quoted.replaceAll('\\', '\\\\')}` : quoted;
}
