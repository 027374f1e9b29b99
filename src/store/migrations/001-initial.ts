import type { Migration } from './migration.js';

/**
 * Every table is keyed by scope (tenant, or `_global`) first, so a Citus cluster can distribute
 * them all by scope and keep one tenant's rows, locks and revisions on one shard.
 */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  statements: [
    `create table resources (
      scope text not null,
      kind text not null,
      name text not null,
      tenant text,
      value jsonb not null,
      hash text not null,
      primary key (scope, kind, name)
    )`,
    `create table scopes (
      scope text primary key,
      revision integer not null
    )`,
    `create sequence revision_id`,
    `create table revisions (
      scope text not null,
      revision integer not null,
      id bigint not null,
      actor text not null,
      actor_role text not null,
      created_at timestamptz not null,
      config_digest text not null,
      git_commit text,
      plan_digest text not null,
      counts jsonb not null,
      prev_hash text,
      hash text not null,
      primary key (scope, revision)
    )`,
    `create index revisions_plan_digest on revisions (plan_digest)`,
    `create table changes (
      scope text not null,
      revision integer not null,
      address text not null,
      kind text not null,
      name text not null,
      action text not null check (action in ('create', 'update', 'delete')),
      before jsonb,
      after jsonb,
      primary key (scope, revision, address),
      foreign key (scope, revision) references revisions (scope, revision)
    )`,
  ],
};
