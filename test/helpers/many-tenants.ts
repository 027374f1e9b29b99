import { expect } from 'vitest';
import { PIETER } from './cli-store.js';
import type { StoreTarget } from './databases.js';
import { runCli } from './run-cli.js';
import { tempDir } from './temp-dir.js';
import { tenantYaml } from './tenant-yaml.js';

/**
 * A fresh database holding `count` small tenants (tenant-00, tenant-01, …), each with Pieter as
 * its full-admin, applied by him in one apply: a revision per tenant.
 */
export async function manyTenantsUrl(target: StoreTarget, count: number): Promise<string> {
  const files: Record<string, string> = {};
  for (let t = 0; t < count; t++) {
    const name = `tenant-${String(t).padStart(2, '0')}`;
    files[`config/${name}.yaml`] = tenantYaml(name, PIETER);
  }
  const dir = await tempDir(files);
  const url = await target.freshUrl();
  const args = ['apply', 'config', '--auto-approve', '--actor', PIETER, '--db', url];
  const applied = await runCli(args, { cwd: dir });
  expect(applied.code, applied.stderr).toBe(0);
  return url;
}
