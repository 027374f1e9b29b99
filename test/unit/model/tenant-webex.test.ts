import { describe, expect, test } from 'vitest';
import { validateResource } from '../../../src/config/validate-schema.js';
import { addressOf } from '../../../src/model/address.js';
import { buildDesiredModel } from '../../../src/model/canonicalize.js';
import type { DeclaredResource } from '../../../src/model/resource.js';

const place = { file: 't.yaml', line: 1, column: 1 };
const origin = { file: 't.yaml', locate: () => place };

const ORG = '0f5e1f6c-8c1d-4bfa-9b43-2d1f0a7c4e11';

function tenantDocument(webex: unknown): Record<string, unknown> {
  return {
    apiVersion: 'ccac/v1',
    kind: 'Tenant',
    metadata: { name: 'acme' },
    spec: {
      subscription: 'trial',
      countryOfOperation: 'NL',
      timezone: 'Europe/Amsterdam',
      platform: 'new-platform',
      telephony: 'webex-calling',
      ...(webex === undefined ? {} : { webex }),
    },
  };
}

function messages(webex: unknown): string[] {
  return validateResource(tenantDocument(webex), () => place).map((d) => d.message);
}

describe('Tenant spec.webex (SPEC §7)', () => {
  test('an organization id and a documented region are accepted', () => {
    for (const region of ['us1', 'eu1', 'eu2', 'anz1', 'ca1', 'jp1', 'sg1', 'in1'])
      expect(messages({ orgId: ORG, region })).toEqual([]);
  });

  test('a tenant without it stays valid (ledger-only)', () => {
    expect(messages(undefined)).toEqual([]);
  });

  test('a malformed id, an unknown region, a missing or an extra key are schema errors', () => {
    expect(messages({ orgId: 'acme', region: 'us1' })).toEqual([
      'spec.webex.orgId: "acme" is not a valid uuid',
    ]);
    expect(messages({ orgId: ORG, region: 'mars1' })).toHaveLength(1);
    expect(messages({ orgId: ORG })).toHaveLength(1);
    expect(messages({ orgId: ORG, region: 'us1', token: 'secret' })).toHaveLength(1);
  });

  test('the canonical tenant keeps it', () => {
    const declared: DeclaredResource = {
      kind: 'Tenant',
      name: 'acme',
      tenant: null,
      address: addressOf('Tenant', 'acme', null),
      spec: tenantDocument({ region: 'eu1', orgId: ORG }).spec as DeclaredResource['spec'],
      origin,
    };
    const { model } = buildDesiredModel([declared], new Map());
    expect(model.get('Tenant', 'acme')?.spec.webex).toEqual({ orgId: ORG, region: 'eu1' });
  });
});
