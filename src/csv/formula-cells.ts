/**
 * CSV injection (OWASP, "CSV Injection"): a spreadsheet runs a cell that starts with = + - @, a
 * tab or a carriage return as a formula. Such a cell is written with a ' before it, which makes
 * it text; a cell that starts with quotes before such a character gets one quote more, so that
 * reading strips exactly one and every value comes back as it was.
 */
const FORMULA = /^'*[=+\-@\t\r]/;

/** The cell as `export --format csv` writes it. */
export function neutraliseFormula(value: string): string {
  return FORMULA.test(value) ? `'${value}` : value;
}

/** The value `neutraliseFormula` wrote, as `import csv` reads it back. */
export function restoreFormula(cell: string): string {
  return cell.startsWith("'") && FORMULA.test(cell.slice(1)) ? cell.slice(1) : cell;
}
