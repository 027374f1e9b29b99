import { expect, test } from 'vitest';
import { renderReport } from '../../../src/report/render-report.js';
import type { ReportRevision } from '../../../src/report/report-data.js';

const revision = (id: number, actor: string): ReportRevision => ({
  id,
  scope: 'acme',
  revision: id,
  actor,
  actorRole: 'full-admin',
  createdAt: `2025-03-0${id}T09:00:00.000Z`,
  configDigest: 'c',
  gitCommit: null,
  planDigest: 'p',
  counts: { create: 0, update: 0, delete: 0 },
  prevHash: null,
  hash: 'h',
  kinds: [],
  changes: [],
});

async function* each<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

test('the report groups an actor however old revisions spelt them (issue #17 item 12)', async () => {
  const revisions = [
    revision(3, 'ann@acme.example'),
    revision(2, 'pieter.laan@acme.example'),
    revision(1, ' PIETER.LAAN@acme.example'),
  ];
  const data = {
    generatedAt: '2025-03-05T00:00:00.000Z',
    tenants: [],
    revisions,
    kinds: [],
    chains: [],
    pushes: [],
    graphs: [],
    undrawn: [],
  };
  let html = '';
  for await (const piece of renderReport(data, each(revisions))) html += piece;
  const options = /<select id="filter-actor"[^>]*>(.*?)<\/select>/.exec(html)![1]!;
  expect([...options.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1])).toEqual([
    '',
    'ann@acme.example',
    'pieter.laan@acme.example',
  ]);
  expect([...html.matchAll(/data-actor="([^"]*)"/g)].map((m) => m[1])).toEqual([
    'ann@acme.example',
    'pieter.laan@acme.example',
    'pieter.laan@acme.example',
  ]);
});
