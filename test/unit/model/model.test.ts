import { describe, expect, test } from 'vitest';
import { addressOf } from '../../../src/model/address.js';
import type { Kind } from '../../../src/model/kinds.js';
import { Model, type ModelResource } from '../../../src/model/model.js';

function res(kind: Kind, name: string, tenant: string | null, spec: object = {}): ModelResource {
  return {
    kind,
    name,
    tenant,
    address: addressOf(kind, name, tenant),
    spec: spec as ModelResource['spec'],
    hash: `${kind}:${name}`,
  };
}

describe('Model', () => {
  const acme = res('Tenant', 'acme', null);
  const org = res('Organization', 'partner', null);
  const sales = res('Team', 'Sales', 'acme');
  const globexSales = res('Team', 'Sales', 'globex');
  const ann = res('User', 'ann@acme.example', 'acme');
  const model = new Model([acme, org, sales, globexSales, ann]);

  test('looks resources up by kind, name and tenant; global kinds ignore the tenant', () => {
    expect(model.get('Team', 'Sales', 'acme')).toBe(sales);
    expect(model.get('Team', 'Sales', 'globex')).toBe(globexSales);
    expect(model.get('Team', 'Sales', 'initech')).toBeUndefined();
    expect(model.get('Team', 'Support', 'acme')).toBeUndefined();
    expect(model.get('User', 'Sales', 'acme')).toBeUndefined();
    expect(model.get('Tenant', 'acme')).toBe(acme);
    expect(model.get('Tenant', 'acme', 'anything')).toBe(acme);
    expect(model.get('Organization', 'partner')).toBe(org);
  });

  test('lists by kind and tenant, by kind overall, and by tenant', () => {
    expect(model.list('Team', 'acme')).toEqual([sales]);
    expect(model.ofKind('Team')).toEqual([sales, globexSales]);
    expect(model.ofKind('Flow')).toEqual([]);
    expect(model.tenants()).toEqual([acme]);
    expect(model.organizations()).toEqual([org]);
    expect(model.inTenant('acme')).toEqual([acme, sales, ann]);
    expect(model.tenantNames()).toEqual(['acme', 'globex']);
    expect(model.size).toBe(5);
  });

  test('a resource at an address already held replaces it everywhere', () => {
    const layered = new Model([acme, sales, ann]);
    const edited = { ...sales, spec: { description: 'new' } } as ModelResource;
    layered.add(edited);
    expect(layered.size).toBe(3);
    expect(layered.get('Team', 'Sales', 'acme')).toBe(edited);
    expect(layered.byAddress.get(sales.address)).toBe(edited);
    expect(layered.ofKind('Team')).toEqual([edited]);
    expect(layered.inTenant('acme')).toEqual([acme, edited, ann]);
  });
});
