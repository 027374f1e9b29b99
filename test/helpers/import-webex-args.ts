/** `ccac import webex` of the tenant `acme` from the simulated org ORG (region eu1) into `out`. */
export function importWebexArgs(org: string, out: string, more: readonly string[] = []): string[] {
  return [
    'import',
    'webex',
    '--tenant',
    'acme',
    '--org',
    org,
    '--region',
    'eu1',
    '--out',
    out,
    ...more,
  ];
}
