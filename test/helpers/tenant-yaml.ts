/**
 * A bootstrappable tenant as YAML: the Tenant and one User who is its full-admin (and so may
 * create it). `partner` names the tenant's partner organization; `users` are extra YAML lines
 * appended to the admin's document (more documents, usually).
 */
export function tenantYaml(
  tenant: string,
  admin: string,
  extra: { partner?: string; users?: readonly string[] } = {},
): string {
  return [
    'apiVersion: ccac/v1',
    'kind: Tenant',
    'metadata:',
    `  name: ${tenant}`,
    'spec:',
    ...(extra.partner ? [`  partner: ${extra.partner}`] : []),
    '  subscription: trial',
    '  countryOfOperation: NL',
    '  timezone: Europe/Amsterdam',
    '  platform: new-platform',
    '  telephony: webex-calling',
    '---',
    'apiVersion: ccac/v1',
    'kind: User',
    'metadata:',
    `  tenant: ${tenant}`,
    `  name: ${admin}`,
    'spec:',
    '  adminRoles: [full-admin]',
    ...(extra.users ?? []),
    '',
  ].join('\n');
}
