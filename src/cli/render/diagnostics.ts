import { capPerFile } from '../../diagnostics/cap-per-file.js';
import { countDiagnostics, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { paint } from '../output.js';

/** Compiler style: `file:line:col: error CODE message`, at most 100 of a file (capPerFile). */
export function renderDiagnosticsText(diagnostics: readonly Diagnostic[], color: boolean): string {
  const c = paint(color);
  const lines = capPerFile(diagnostics).map((d) => {
    const where = d.file
      ? `${d.file}:${d.line ?? 1}:${d.column ?? 1}: `
      : d.address
        ? `${d.address}: `
        : '';
    const severity = d.severity === 'error' ? c.red(c.bold('error')) : c.yellow(c.bold('warning'));
    return `${c.bold(where)}${severity} ${c.dim(d.code)} ${d.message}`;
  });
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

export function diagnosticsSummary(diagnostics: readonly Diagnostic[], color: boolean): string {
  const c = paint(color);
  const { errors, warnings } = countDiagnostics(diagnostics);
  const text = `${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`;
  return errors > 0 ? c.red(text) : warnings > 0 ? c.yellow(text) : c.green(text);
}

/** The diagnostics of JSON output: at most 100 of a file (capPerFile), fields in SPEC §5 order. */
export function diagnosticsJson(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return capPerFile(diagnostics).map(diagnosticJson);
}

/** SPEC §5 field order, so JSON output is stable. */
function diagnosticJson(d: Diagnostic): Diagnostic {
  const out: Diagnostic = { severity: d.severity, code: d.code, message: d.message };
  if (d.address !== undefined) out.address = d.address;
  if (d.file !== undefined) Object.assign(out, { file: d.file, line: d.line, column: d.column });
  if (d.omitted !== undefined) out.omitted = { ...d.omitted };
  if (d.followOns !== undefined) out.followOns = d.followOns;
  return out;
}
