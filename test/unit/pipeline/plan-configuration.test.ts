import { describe, expect, it } from 'vitest';
import { GLOBAL_SCOPE } from '../../../src/model/address.js';
import { Model, type ModelResource } from '../../../src/model/model.js';
import { planConfiguration, type PlanRequest } from '../../../src/plan/plan-configuration.js';
import { STORED, org, resource, systemEntryPoint, without } from '../authz/fixtures.js';

const SYSTEM_EP = systemEntryPoint('acme', 'Europe/Amsterdam');
const CHAT = resource('EntryPoint', 'Chat', 'acme', { channelType: 'chat', active: true });
const MAIL = resource('EntryPoint', 'Mail', 'acme', { channelType: 'email', active: false });
const ACME_STORED = [...STORED, SYSTEM_EP, CHAT, MAIL];

function plan(
  desired: readonly ModelResource[],
  stored: readonly ModelResource[],
  scopes: string[],
  options: Partial<PlanRequest> = {},
) {
  return planConfiguration({
    desired: new Model(desired),
    declared: [],
    configDiagnostics: [],
    stored: { model: new Model(stored), revisions: new Map() },
    scopes: new Set(scopes),
    actor: undefined,
    requireActor: false,
    organizationReferences: [],
    ...options,
  }).plan;
}

const codes = (p: ReturnType<typeof plan>) => p.diagnostics.map((d) => [d.code, d.address]);

describe('a tenant dropped whole (--tenant naming a tenant the files do not declare)', () => {
  const dropped = STORED.filter((r) => r.kind === 'Organization');

  it('is held to EP_DELETE_ACTIVE like any delete; its system entry point goes with it', () => {
    const p = plan(dropped, ACME_STORED, ['acme']);
    expect(p.changes.map((c) => c.address)).toContain(SYSTEM_EP.address);
    expect(codes(p)).toEqual([['EP_DELETE_ACTIVE', CHAT.address]]);
  });

  it('is refused to an apply without --destroy (TENANT_DESTROY), not with it', () => {
    const deactivated = ACME_STORED.map((r) =>
      r === CHAT
        ? resource('EntryPoint', 'Chat', 'acme', { channelType: 'chat', active: false })
        : r,
    );
    const apply = { actor: 'full@acme.example', requireActor: true };
    const refused = plan(dropped, deactivated, ['acme'], apply);
    expect(codes(refused)).toEqual([['TENANT_DESTROY', 'Tenant/acme']]);
    expect(refused.diagnostics[0]?.message).toBe(
      `this apply destroys tenant acme: it and all ${refused.changes.length} of its resources would be deleted; apply with --destroy to mean it`,
    );
    expect(plan(dropped, deactivated, ['acme'], { ...apply, destroy: true }).diagnostics).toEqual(
      [],
    );
    // A plan only shows it.
    expect(plan(dropped, deactivated, ['acme']).diagnostics).toEqual([]);
  });

  it('keeps the system entry point of a tenant that stays', () => {
    const p = plan(without(ACME_STORED, SYSTEM_EP.address), ACME_STORED, ['acme']);
    expect(p.changes).toEqual([]);
  });
});

describe('rules on the tenants an organization change reaches', () => {
  // acme's stored xccsa@ext.example holds cc-service-admin; ext is external.
  const ccEnabled = org('ext', { type: 'external', contactCenterEnabled: true });
  const organizations = [
    ...STORED.filter((r) => r.kind === 'Organization' && r.name !== 'ext'),
    ccEnabled,
  ];

  it('finds what the change brings on their stored users, though the plan covers organizations only', () => {
    const p = plan(organizations, STORED, [GLOBAL_SCOPE]);
    expect(p.changes.map((c) => c.address)).toEqual(['Organization/ext']);
    expect(codes(p)).toEqual([['CCSA_EXTERNAL_CC_ENABLED', 'acme/User/xccsa@ext.example']]);
    expect(p.diagnostics[0]?.message).toContain("(with this plan's change to Organization/ext)");
  });

  it('reports nothing the tenant held before the change', () => {
    const before = [...without(STORED, 'Organization/ext'), ccEnabled];
    const relabelled = [
      ...organizations.filter((r) => r.name !== 'ext'),
      org('ext', { type: 'external', contactCenterEnabled: true, displayName: 'Ext' }),
    ];
    expect(plan(relabelled, before, [GLOBAL_SCOPE]).diagnostics).toEqual([]);
  });
});
