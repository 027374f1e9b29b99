import type { TenantKind } from '../../model/kinds.js';

/** A spec field that names another resource of the same tenant (SPEC §2). */
export interface ReferenceField {
  kind: TenantKind;
  field: string;
  target: TenantKind;
  list: boolean;
}

/**
 * Same-tenant references by name. The references that are not plain same-tenant lookups
 * (metadata.tenant, Tenant.partner, User.organization, the Campaign entry point's channel type)
 * are checked by REF_UNKNOWN on top of this table.
 */
export const REFERENCE_FIELDS: readonly ReferenceField[] = [
  { kind: 'User', field: 'teams', target: 'Team', list: true },
  { kind: 'User', field: 'desktopProfile', target: 'DesktopProfile', list: false },
  { kind: 'Queue', field: 'agents', target: 'User', list: true },
  { kind: 'Queue', field: 'teams', target: 'Team', list: true },
  { kind: 'Campaign', field: 'entryPoint', target: 'EntryPoint', list: false },
  { kind: 'Campaign', field: 'agents', target: 'User', list: true },
  { kind: 'EntryPoint', field: 'queue', target: 'Queue', list: false },
  { kind: 'EntryPoint', field: 'flow', target: 'Flow', list: false },
  { kind: 'EntryPoint', field: 'outdialQueue', target: 'Queue', list: false },
  { kind: 'Flow', field: 'businessHours', target: 'BusinessHours', list: false },
];
