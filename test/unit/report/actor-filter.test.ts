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
  changes: [],
});

test('the report groups an actor however old revisions spelt them (issue #17 item 12)', () => {
  const html = renderReport({
    generatedAt: '2025-03-05T00:00:00.000Z',
    tenants: [],
    revisions: [
      revision(3, 'ann@acme.example'),
      revision(2, 'pieter.laan@acme.example'),
      revision(1, ' PIETER.LAAN@acme.example'),
    ],
    chains: [],
    graphs: [],
  });
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
