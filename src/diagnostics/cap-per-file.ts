import { countDiagnostics, type Diagnostic } from './diagnostic.js';

/** Diagnostics shown per file; past this, one more says how many were left out. */
export const MAX_SHOWN_PER_FILE = 100;

type Marker = Diagnostic & Required<Pick<Diagnostic, 'omitted'>>;

/**
 * The diagnostics to show: the first `limit` of each file (those with no file count as one), in
 * the order given, and in place of the rest one diagnostic at the first of them that counts them
 * (`omitted`; one that already stands in for others adds theirs). 99 aliases of a 10,000-item
 * list once printed a million lines. Counts and exit codes are taken from the whole list.
 */
export function capPerFile(
  diagnostics: readonly Diagnostic[],
  limit = MAX_SHOWN_PER_FILE,
): Diagnostic[] {
  const shown = new Map<string, number>();
  const markers = new Map<string, Marker>();
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const file = d.file ?? '';
    const count = shown.get(file) ?? 0;
    if (count < limit) {
      shown.set(file, count + 1);
      out.push(d);
      continue;
    }
    let marker = markers.get(file);
    if (!marker) {
      // Where the first left out is; not its address: the others may be of other resources.
      const { severity, code, line, column } = d;
      const place = d.file === undefined ? {} : { file: d.file, line, column };
      marker = { severity, code, message: '', ...place, omitted: { errors: 0, warnings: 0 } };
      markers.set(file, marker);
      out.push(marker);
    }
    const { errors, warnings } = countDiagnostics([d]);
    if (errors > 0) marker.severity = 'error';
    marker.omitted.errors += errors;
    marker.omitted.warnings += warnings;
  }
  for (const marker of markers.values()) marker.message = omittedMessage(marker);
  return out;
}

/** `… and 79,900 more diagnostics in this file (79,900 errors, 0 warnings), not shown`. */
function omittedMessage({ file, omitted: { errors, warnings } }: Marker): string {
  const count = (n: number, word: string) =>
    `${n.toLocaleString('en')} ${n === 1 ? word : `${word}s`}`;
  const where = file === undefined ? '' : ' in this file';
  return `… and ${count(errors + warnings, 'more diagnostic')}${where} (${count(errors, 'error')}, ${count(warnings, 'warning')}), not shown`;
}
