import type { TenantKind } from '../../model/kinds.js';
import type { WebexEntity } from '../entities.js';

/**
 * The order objects are created and updated in: what is referred to before what refers to it.
 * People (and their licences) come before queues, which name contact-center users, and the
 * contact-center users last, once the licences made them. Deletes run in the reverse order.
 */
export const WRITE_ORDER: readonly WebexEntity[] = [
  'site',
  'holiday-list',
  'overrides',
  'business-hours',
  'agent-profile',
  'team',
  'person',
  'flow',
  'contact-service-queue',
  'entry-point',
  'dial-number',
  'cc-user',
];

export const DELETE_ORDER: readonly WebexEntity[] = [...WRITE_ORDER].reverse();

/** Kinds in the order their resources are planned, so a resource's references are planned first. */
export const KIND_ORDER: readonly TenantKind[] = [
  'BusinessHours',
  'DesktopProfile',
  'Team',
  'User',
  'Flow',
  'Queue',
  'EntryPoint',
  'Campaign',
];
