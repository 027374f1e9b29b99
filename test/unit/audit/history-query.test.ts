import { describe, expect, test } from 'vitest';
import { parseSince, revisionKey, selectRevisions } from '../../../src/audit/history-query.js';
import { scopeOfAddress } from '../../../src/model/address.js';
import type { RevisionRecord } from '../../../src/model/revision.js';

function record(id: number, scope: string, revision: number, actor: string, createdAt: string) {
  return {
    id,
    scope,
    revision,
    actor,
    actorRole: 'full-admin',
    createdAt,
    configDigest: 'c',
    gitCommit: null,
    planDigest: 'p',
    counts: { create: 1, update: 0, delete: 0 },
    prevHash: null,
    hash: 'h',
  } satisfies RevisionRecord;
}

const REVISIONS = [
  record(1, 'acme', 1, 'ann@acme.example', '2025-03-01T09:00:00.000Z'),
  record(2, 'globex', 1, 'bob@globex.example', '2025-03-02T09:00:00.000Z'),
  record(3, 'acme', 2, 'Bob@Globex.example', '2025-03-03T09:00:00.000Z'),
  record(4, 'acme', 3, 'ann@acme.example', '2025-03-04T09:00:00.000Z'),
];
const ids = (rs: RevisionRecord[]) => rs.map((r) => r.id);

describe('selectRevisions', () => {
  test('newest first without filters', () => {
    expect(ids(selectRevisions(REVISIONS, { tenants: [] }))).toEqual([4, 3, 2, 1]);
  });

  test('filters combine: tenant, actor (any case), since, touching, then limit', () => {
    expect(ids(selectRevisions(REVISIONS, { tenants: ['acme'] }))).toEqual([4, 3, 1]);
    expect(ids(selectRevisions(REVISIONS, { tenants: [], actor: 'bob@globex.example' }))).toEqual([
      3, 2,
    ]);
    const since = new Date('2025-03-02T09:00:00.000Z');
    expect(ids(selectRevisions(REVISIONS, { tenants: [], since }))).toEqual([4, 3, 2]);
    const touching = new Set([revisionKey('acme', 1), revisionKey('acme', 3)]);
    expect(ids(selectRevisions(REVISIONS, { tenants: [], touching }))).toEqual([4, 1]);
    expect(ids(selectRevisions(REVISIONS, { tenants: ['acme'], limit: 2 }))).toEqual([4, 3]);
  });
});

describe('revisions recorded before actors were normalised', () => {
  const OLD = [
    record(1, 'acme', 1, 'PIETER.LAAN@acme.example', '2025-03-01T09:00:00.000Z'),
    record(2, 'acme', 2, ' pieter.laan@acme.example\u00A0', '2025-03-02T09:00:00.000Z'),
    record(3, 'acme', 3, '\uFEFFPieter.Laan@acme.example', '2025-03-03T09:00:00.000Z'),
    record(4, 'acme', 4, 'ann@acme.example', '2025-03-04T09:00:00.000Z'),
  ];

  test('are one actor to --actor, however they were spelt', () => {
    expect(ids(selectRevisions(OLD, { tenants: [], actor: 'pieter.laan@acme.example' }))).toEqual([
      3, 2, 1,
    ]);
  });
});

describe('parseSince', () => {
  test('dates are midnight UTC; datetimes without an offset are UTC', () => {
    expect(parseSince('2025-03-01')?.toISOString()).toBe('2025-03-01T00:00:00.000Z');
    expect(parseSince('2025-03-01T09:30')?.toISOString()).toBe('2025-03-01T09:30:00.000Z');
    expect(parseSince('2025-03-01T09:30:15.5Z')?.toISOString()).toBe('2025-03-01T09:30:15.500Z');
    expect(parseSince('2025-03-01T09:30+02:00')?.toISOString()).toBe('2025-03-01T07:30:00.000Z');
  });

  test('anything else is refused, days that do not exist too', () => {
    for (const text of ['yesterday', '2025-02-30', '2025-13-01', '2025-03-01Z', '1741000000', ''])
      expect(parseSince(text), text).toBeNull();
  });
});

describe('scopeOfAddress', () => {
  test('tenants, the tenant itself, organizations', () => {
    expect(scopeOfAddress('acme/Queue/Sales')).toBe('acme');
    expect(scopeOfAddress('Tenant/acme')).toBe('acme');
    expect(scopeOfAddress('Organization/northwind')).toBe('_global');
  });
});
