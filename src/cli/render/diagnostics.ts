import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { paint } from '../output.js';

/** Compiler style: `file:line:col: error CODE message`, then a summary line. */
export function renderDiagnosticsText(diagnostics: readonly Diagnostic[], color: boolean): string {
  const c = paint(color);
  const lines = diagnostics.map((d) => {
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
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const text = `${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`;
  return errors > 0 ? c.red(text) : warnings > 0 ? c.yellow(text) : c.green(text);
}

/** SPEC §5 field order, so JSON output is stable. */
export function diagnosticJson(d: Diagnostic): Diagnostic {
  const out: Diagnostic = { severity: d.severity, code: d.code, message: d.message };
  if (d.address !== undefined) out.address = d.address;
  if (d.file !== undefined) Object.assign(out, { file: d.file, line: d.line, column: d.column });
  return out;
}
