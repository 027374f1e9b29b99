/** Diagnostics are values: every stage returns them, none throws them. */

export type Severity = 'error' | 'warning';

/** The codes of SPEC §3, plus the few this implementation adds for files, plans and the store. */
export type DiagnosticCode =
  | 'SCHEMA'
  | 'YAML'
  | 'FILE'
  | 'DUPLICATE_RESOURCE'
  | 'REF_UNKNOWN'
  | 'REF_IN_USE'
  | 'TENANT_COUNTRY_IMMUTABLE'
  | 'TENANT_TELEPHONY_REGION'
  | 'TENANT_VPOP_DEPRECATED'
  | 'LICENSE_OVER_ALLOCATED'
  | 'ROLE_EXCLUSIVE'
  | 'ROLE_NOT_APPLICABLE'
  | 'CCSA_PROVISIONING_PARTNER'
  | 'CCSA_EXTERNAL_CC_ENABLED'
  | 'FULL_ADMIN_STANDARD_LICENSE'
  | 'SUPERVISOR_AGENT_PROFILE'
  | 'STATION_EXTENSION_TELEPHONY'
  | 'QUEUE_AGENT_UNLICENSED'
  | 'EP_CHANNEL_TYPE_IMMUTABLE'
  | 'EP_DELETE_ACTIVE'
  | 'EP_SOCIAL_CHANNEL'
  | 'EP_FIELD_CHANNEL'
  | 'EP_OUTBOUND_ROUTING'
  | 'EP_NUMBER_UNKNOWN'
  | 'EP_NUMBER_IN_USE'
  | 'EP_SYSTEM_PROTECTED'
  | 'EP_FLOW_NO_BUSINESS_HOURS'
  | 'BH_HOLIDAY_LIST_WRITERS'
  | 'AUTHZ_NO_ACTOR'
  | 'AUTHZ_UNKNOWN_ACTOR'
  | 'AUTHZ_DENIED'
  | 'TENANT_DESTROY'
  | 'PLAN_STALE'
  | 'PLAN_INVALID'
  | 'PLAN_UNVERIFIED'
  | 'DRIFT'
  | 'STORE'
  | 'STORE_TAMPERED'
  | 'WEBEX'
  | 'CSV'
  | 'USAGE';

/** Where in the configuration a diagnostic points: 1-based line and column. */
export interface Place {
  file: string;
  line: number;
  column: number;
}

export interface Diagnostic extends Partial<Place> {
  severity: Severity;
  code: DiagnosticCode;
  message: string;
  address?: string;
  /**
   * Set on a diagnostic that stands in for others left out (past a cap): it counts as those,
   * not as one of its own (countDiagnostics).
   */
  omitted?: { errors: number; warnings: number };
  /**
   * Set on a root cause (a tenant nobody declares): how many follow-on errors it caused that were
   * left out, each of its other resources repeating it. One mistake is one error, shown first;
   * the count says its reach.
   */
  followOns?: number;
  /**
   * On the errors of a document the schema refused: the address it declares, when its kind and
   * name are readable. The resource is still declared (references to it are not unknown), though
   * not in the model, so no rule reads its invalid values.
   */
  declares?: string;
}

export function error(
  code: DiagnosticCode,
  message: string,
  where: { address?: string; place?: Place | undefined } = {},
): Diagnostic {
  return { severity: 'error', code, message, ...flatten(where) };
}

export function warning(
  code: DiagnosticCode,
  message: string,
  where: { address?: string; place?: Place | undefined } = {},
): Diagnostic {
  return { severity: 'warning', code, message, ...flatten(where) };
}

function flatten(where: { address?: string; place?: Place | undefined }): Partial<Diagnostic> {
  const out: Partial<Diagnostic> = {};
  if (where.address !== undefined) out.address = where.address;
  if (where.place) Object.assign(out, where.place);
  return out;
}

/** How many errors and warnings a list holds, those left out (`omitted`) counted too. */
export function countDiagnostics(diagnostics: readonly Diagnostic[]): {
  errors: number;
  warnings: number;
} {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (d.omitted) {
      errors += d.omitted.errors;
      warnings += d.omitted.warnings;
    } else if (d.severity === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Stable order: root causes (with follow-ons) first, then by file, line, column, code, message. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      Number(b.followOns !== undefined) - Number(a.followOns !== undefined) ||
      compare(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      compare(a.address ?? '', b.address ?? '') ||
      compare(a.code, b.code) ||
      compare(a.message, b.message),
  );
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
