/** Small YAML builders for rule tests: one document per call, joined with `---`. */

export function tenant(name = 'acme', extraSpec = ''): string {
  return `apiVersion: ccac/v1
kind: Tenant
metadata:
  name: ${name}
spec:
  subscription: subscription
  countryOfOperation: NL
  timezone: Europe/Amsterdam
  platform: new-platform
  telephony: webex-calling
${extraSpec}`;
}

export function organization(name: string, spec: string): string {
  return `apiVersion: ccac/v1
kind: Organization
metadata:
  name: ${name}
spec:
${spec}`;
}

/** A tenant-scoped resource; `spec` is indented YAML lines (or empty for none). */
export function resource(kind: string, name: string, spec = '', tenantName = 'acme'): string {
  return `apiVersion: ccac/v1
kind: ${kind}
metadata:
  tenant: ${tenantName}
  name: ${name}
${spec ? `spec:\n${spec}` : ''}`;
}

export function docs(...documents: string[]): string {
  return documents.map((d) => (d.endsWith('\n') ? d : `${d}\n`)).join('---\n');
}

/** 1-based line of the first line containing `needle` (after `after`, if given). */
export function lineOf(text: string, needle: string, after?: string): number {
  const lines = text.split('\n');
  const start = after === undefined ? 0 : lines.findIndex((l) => l.includes(after));
  const index = lines.findIndex((l, i) => i >= start && l.includes(needle));
  if (index < 0) throw new Error(`"${needle}" not found`);
  return index + 1;
}
