import type { ConfigDocuments } from '../generated/config-types.js';

export type Kind = keyof ConfigDocuments;
export type DocumentOf<K extends Kind> = ConfigDocuments[K];
export type SpecOf<K extends Kind> = NonNullable<ConfigDocuments[K]['spec']>;

/** Schema file of each kind, in the order kinds are listed and exported. */
export const KIND_SCHEMA_FILES: Readonly<Record<Kind, string>> = {
  Organization: 'organization',
  Tenant: 'tenant',
  User: 'user',
  Team: 'team',
  Queue: 'queue',
  Campaign: 'campaign',
  EntryPoint: 'entry-point',
  Flow: 'flow',
  BusinessHours: 'business-hours',
  DesktopProfile: 'desktop-profile',
};

export const KINDS = Object.keys(KIND_SCHEMA_FILES) as Kind[];

export type GlobalKind = 'Organization' | 'Tenant';
export type TenantKind = Exclude<Kind, GlobalKind>;

export function isKind(value: unknown): value is Kind {
  return typeof value === 'string' && Object.hasOwn(KIND_SCHEMA_FILES, value);
}

export function isGlobalKind(kind: Kind): kind is GlobalKind {
  return kind === 'Organization' || kind === 'Tenant';
}

/** Every tenant has this entry point from its creation (SPEC §2, seed 004). */
export const SYSTEM_ENTRY_POINT = 'Outdial Transfer to Queue';
