import type { Migration } from './migration.js';

/**
 * What `ccac push` keeps of each tenant's Webex organization (issue #19):
 * - `webex_remote_refs`: per resource address, the live objects it was carried to (entity, id,
 *   key, version, digest). Written as calls return, in small transactions, so a push stopped
 *   anywhere leaves the ids it got; the next push matches by them, then by name.
 * - `webex_tenants`: per tenant, the revision that last reached Webex whole (`pushed_revision`)
 *   and how many pushes were recorded (`pushes`), so a removed push record is found as a gap.
 * - `webex_pushes`: the audit record of each push, numbered per tenant and hash-chained like
 *   revisions (`prev_hash`), bound to the revision it pushed by that revision's hash.
 * Keyed by scope first, as every other table.
 */
export const webex: Migration = {
  version: 5,
  name: 'webex',
  statements: [
    `create table webex_remote_refs (
      scope text not null,
      address text not null,
      entity text not null,
      remote_id text not null,
      key text not null,
      version integer,
      digest text,
      primary key (scope, address, entity, remote_id)
    )`,
    `create table webex_tenants (
      scope text primary key,
      pushed_revision integer,
      pushes integer not null default 0
    )`,
    `create table webex_pushes (
      scope text not null,
      push integer not null,
      actor text not null,
      actor_role text not null,
      revision integer not null,
      revision_hash text,
      started_at timestamptz not null,
      finished_at timestamptz,
      result text not null,
      calls jsonb,
      resources jsonb,
      prev_hash text,
      hash text not null,
      primary key (scope, push)
    )`,
  ],
};
