import { describe, expect, test } from 'vitest';
import { addressOf } from '../../../src/model/address.js';
import {
  buildDesiredModel,
  hashed,
  selfContainedCanonical,
} from '../../../src/model/canonicalize.js';
import type { Kind } from '../../../src/model/kinds.js';
import type { DeclaredResource } from '../../../src/model/resource.js';

const origin = { file: 'x.yaml', locate: () => ({ file: 'x.yaml', line: 1, column: 1 }) };

function declare(
  kind: Kind,
  name: string,
  tenant: string | null,
  spec: object,
  labels?: Record<string, string>,
): DeclaredResource {
  return {
    kind,
    name,
    tenant,
    address: addressOf(kind, name, tenant),
    spec: spec as DeclaredResource['spec'],
    origin,
    ...(labels ? { labels } : {}),
  };
}

const DECLARED = [
  declare('Tenant', 'acme', null, {
    subscription: 'trial',
    countryOfOperation: 'NL',
    timezone: 'Europe/Amsterdam',
    platform: 'new-platform',
    telephony: 'webex-calling',
    numbers: ['+31201234568', '+31201234567'],
  }),
  declare(
    'User',
    'ann@acme.example',
    'acme',
    {
      teams: ['Sales', 'Billing'],
      adminRoles: ['cc-service-admin'],
      license: 'premium',
      displayName: 'Ann Ünal 😀',
    },
    { team: 'sales', 'cost center': '42' },
  ),
  declare('EntryPoint', 'Chat', 'acme', { channelType: 'chat', queue: 'Q' }),
];

/**
 * Hashes are stored in databases: SHA-256 hex of the JSON of the key-sorted canonical value.
 * These were computed before the hashing was reworked for speed and must never change.
 */
const PINNED = {
  'Tenant/acme': '7056ae08d115cd75564cd08849de39f89f2fc9450f45ab202d8b96780febe68b',
  'acme/User/ann@acme.example': '334423fab29e8e20caa0780375fdf5869a3c80f997562123caa1d60ec879142f',
  'acme/EntryPoint/Chat': '1b81c2bb8ac98866d4220d01200584ea7820ed11023539534ed10337e35cea35',
  'acme/EntryPoint/Outdial Transfer to Queue':
    '85071a43f71aa789d8ef590a1d465a58c0f2f914b51a5e81e3bd7317c4768956',
};

describe('content hashes', () => {
  test('the desired model hashes as it always has', () => {
    const { model, diagnostics } = buildDesiredModel(DECLARED, new Map());
    expect(diagnostics).toEqual([]);
    expect(Object.fromEntries([...model.byAddress].map(([a, r]) => [a, r.hash]))).toEqual(PINNED);
  });

  test('hashed sorts keys at every level and hashes the JSON', () => {
    const value = hashed({ spec: { b: 1, a: [{ y: 1, x: 2 }] }, labels: { z: 'é' } } as never);
    expect(JSON.stringify(value)).toBe(
      '{"labels":{"z":"é"},"spec":{"a":[{"x":2,"y":1}],"b":1},"hash":"48d38c9b0ebb3a0fe50f6cc73d18a6cd422cd3b0baa971458047997d7bceadda"}',
    );
  });

  test('a self-contained canonical value is the one the model builds', () => {
    const { model } = buildDesiredModel(DECLARED, new Map());
    const user = DECLARED[1]!;
    const canonical = selfContainedCanonical(user);
    expect(canonical?.hash).toBe(PINNED['acme/User/ann@acme.example']);
    expect(canonical?.value).toEqual({
      labels: user.labels,
      spec: model.byAddress.get(user.address)?.spec,
    });
    // An entry point without a timezone takes its tenant's: not self-contained.
    expect(selfContainedCanonical(DECLARED[2]!)).toBeUndefined();
  });

  test('a declaration carrying its canonical value is taken as it is, spec unread', () => {
    const [tenant, user, entryPoint] = DECLARED;
    const { model } = buildDesiredModel([cached(tenant!), cached(user!), entryPoint!], new Map());
    expect(Object.fromEntries([...model.byAddress].map(([a, r]) => [a, r.hash]))).toEqual(PINNED);
  });
});

/** As the parse cache hands a declaration over: canonical value known, spec re-read on access. */
function cached(resource: DeclaredResource): DeclaredResource {
  const out = { ...resource, canonical: selfContainedCanonical(resource)! };
  Object.defineProperty(out, 'spec', {
    get: () => {
      throw new Error(`spec of ${resource.address} read`);
    },
  });
  return out;
}
