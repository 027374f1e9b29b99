import { addressOf } from '../../../src/model/address.js';
import { hashed } from '../../../src/model/canonicalize.js';
import type { Kind } from '../../../src/model/kinds.js';
import { Model, type ModelResource, type ResourceValue } from '../../../src/model/model.js';

/** A canonical resource built inline; spec shapes are loose on purpose (tests only). */
export function res(
  kind: Kind,
  name: string,
  tenant: string | null,
  spec: Record<string, unknown>,
  labels?: Record<string, string>,
): ModelResource {
  const value = (labels ? { labels, spec } : { spec }) as ResourceValue;
  return { kind, name, tenant, address: addressOf(kind, name, tenant), ...hashed(value) };
}

export function tenant(name: string, spec: Record<string, unknown> = {}): ModelResource {
  return res('Tenant', name, null, {
    subscription: 'subscription',
    countryOfOperation: 'NL',
    timezone: 'Europe/Amsterdam',
    platform: 'new-platform',
    telephony: 'webex-calling',
    ...spec,
  });
}

export function systemEntryPoint(tenantName: string): ModelResource {
  return res('EntryPoint', 'Outdial Transfer to Queue', tenantName, {
    active: true,
    channelType: 'outbound-telephony',
    timezone: 'Europe/Amsterdam',
  });
}

export function model(...resources: ModelResource[]): Model {
  return new Model(resources);
}
