import { expect, test } from 'vitest';
import { addressOf } from '../../../src/model/address.js';
import type { Kind } from '../../../src/model/kinds.js';
import type { DeclaredResource } from '../../../src/model/resource.js';
import { checkConfig } from '../../../src/config/check-config.js';

/** Declared resources without YAML: parsing is not what this test measures. */
function declare(kind: Kind, name: string, tenant: string | null, spec: object): DeclaredResource {
  return {
    kind,
    name,
    tenant,
    address: addressOf(kind, name, tenant),
    spec: spec as DeclaredResource['spec'],
    origin: { file: 'big.yaml', locate: () => ({ file: 'big.yaml', line: 1, column: 1 }) },
  };
}

test('rules stay linear: 20k users in one queue, 5k entry points sharing numbers', () => {
  const n = 20_000;
  const users = Array.from({ length: n }, (_, i) =>
    declare('User', `u${i}@acme.example`, 'acme', {
      organization: 'reseller',
      adminRoles: ['cc-service-admin', 'supervisor'],
      teams: [`T${i}`],
    }),
  );
  const agents = [...users.map((u) => u.name), ...users.map((u) => `ghost-${u.name}`)];
  const entryPoints = Array.from({ length: n / 4 }, (_, i) =>
    declare('EntryPoint', `E${i}`, 'acme', {
      channelType: 'inbound-telephony',
      supportNumbers: ['+31200000000', `+3130${String(i).padStart(7, '0')}`],
    }),
  );
  const declared = [
    declare('Organization', 'reseller', null, { type: 'partner' }),
    declare('Tenant', 'acme', null, {
      subscription: 'trial',
      countryOfOperation: 'NL',
      timezone: 'Europe/Amsterdam',
      platform: 'new-platform',
      telephony: 'webex-calling',
      numbers: ['+31200000000'],
    }),
    ...users,
    declare('Queue', 'All', 'acme', { channelType: 'chat', direction: 'inbound', agents }),
    ...entryPoints,
  ];
  const started = performance.now();
  const { diagnostics } = checkConfig(declared, [], new Map());
  const elapsed = performance.now() - started;
  const count = (code: string) => diagnostics.filter((d) => d.code === code).length;
  expect(count('REF_UNKNOWN')).toBe(n + n); // n teams, n ghost agents
  expect(count('ROLE_NOT_APPLICABLE')).toBe(2 * n);
  expect(count('QUEUE_AGENT_UNLICENSED')).toBe(n);
  expect(count('EP_NUMBER_IN_USE')).toBe(n / 4 - 1);
  expect(count('EP_NUMBER_UNKNOWN')).toBe(n / 4);
  // Quadratic scans over these lists would take minutes; linear ones take a few seconds at most, most of it building diagnostics.
  expect(elapsed).toBeLessThan(15_000);
});
