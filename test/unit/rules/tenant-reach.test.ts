import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { readAssets, readConfigFiles } from '../../../src/workspace/read-config-files.js';
import { scopeOfAddress } from '../../../src/model/address.js';
import { scopesHeld } from '../../../src/workspace/config-summary.js';
import { assetsNeeded, checkConfig, loadConfig } from '../../../src/config/check-config.js';
import { inRecheck, RECHECK_RULES } from '../../../src/workspace/recheck-scopes.js';

const EXAMPLES = path.resolve(import.meta.dirname, '../../../examples');
const BROKEN = path.join(EXAMPLES, 'broken');

/**
 * What a recheck of some tenants relies on: the rules it runs find on a tenant, given only that
 * tenant and the organizations, exactly what they find given the whole configuration. A rule that
 * looks at another tenant breaks this on the fixture that exercises it.
 */
describe('rules that read one tenant', () => {
  const configurations = [
    [
      'the examples',
      [
        path.join(EXAMPLES, 'alnoor-bank'),
        path.join(EXAMPLES, 'vandijk-retail'),
        path.join(EXAMPLES, 'organizations.yaml'),
      ],
    ],
    ...readdirSync(BROKEN)
      // Rule fixtures: the yaml- and schema- ones stop before any rule runs.
      .filter((name) => name.endsWith('.yaml') && !/^(yaml|schema)-/.test(name))
      .map((name) => [name, [path.join(BROKEN, name), path.join(EXAMPLES, 'organizations.yaml')]]),
  ] as [string, string[]][];

  test.each(configurations)('%s: tenant by tenant finds what the whole finds', async (_, paths) => {
    const read = await readConfigFiles(paths);
    const loaded = loadConfig(read.files);
    const assets = readAssets(assetsNeeded(loaded.resources), read.folders);
    const whole = checkConfig(loaded.resources, [], assets, RECHECK_RULES);
    const tenants = scopesHeld(whole.desired).filter((scope) => scope !== '_global');
    expect(tenants.length).toBeGreaterThan(0);
    for (const tenant of tenants) {
      const alone = checkConfig(
        inRecheck(loaded.resources, new Set([tenant])),
        [],
        assets,
        RECHECK_RULES,
      );
      const onTenant = (d: { address?: string }) =>
        d.address !== undefined && scopeOfAddress(d.address) === tenant;
      expect(alone.diagnostics.filter(onTenant)).toEqual(whole.diagnostics.filter(onTenant));
    }
  });
});
