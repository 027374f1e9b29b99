import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { cliWorkspace } from '../helpers/cli-store.js';
import { storeTargets } from '../helpers/databases.js';

const SCENARIO_TIMEOUT = 300_000;

describe.each(storeTargets())('export as hand-written YAML on $dialect', (target) => {
  test(
    'keys in schema order, no defaults, no tenant time zone on entry points; plans to no changes',
    async () => {
      const ws = await cliWorkspace(target, { applied: true });
      const exported = await ws.run(['export', '--out', 'exported']);
      expect(exported.code).toBe(0);
      const read = (file: string) => readFile(path.join(ws.dir, 'exported', file), 'utf8');

      const entryPoints = await read('vandijk-retail/entry-points.yaml');
      expect(entryPoints).not.toMatch(/^ {2}active: true$/m);
      expect(entryPoints).not.toMatch(/^ {2}timezone: Europe\/Amsterdam$/m);
      expect(entryPoints).toContain(
        'metadata:\n  tenant: vandijk-retail\n  name: Customer_Service_NL\n',
      );
      expect(entryPoints).toMatch(
        /spec:\n {2}description: [^\n]*\n {2}channelType: inbound-telephony\n/,
      );

      const tenant = await read('vandijk-retail/tenant.yaml');
      expect(tenant).toMatch(/^spec:\n {2}displayName: /m);
      expect(tenant).not.toContain('restrictUnassignedQueueLogin: false');

      const users = await read('vandijk-retail/users.yaml');
      expect(users).not.toContain('license: none');
      expect(users).not.toContain('connectRole');

      const plan = await ws.run(['plan', 'exported']);
      expect(plan.stdout).toBe('No changes. The stored state matches the configuration.\n');
      expect(plan.code).toBe(0);
    },
    SCENARIO_TIMEOUT,
  );
});
