import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { RevisionRecord } from '../../src/model/revision.js';
import { cliWorkspace, PIETER, type JsonPlan } from '../helpers/cli-store.js';
import { storeTargets } from '../helpers/databases.js';

type AppliedJson = JsonPlan & { revisions: (RevisionRecord & { anchor: string })[] };

/** `apply --format json` is the plan it applied and the revisions it recorded (#17 item 13). */
describe.each(storeTargets())('apply --format json ($dialect)', (target) => {
  test('holds the revisions recorded, with their anchors; none when nothing changed', async () => {
    const ws = await cliWorkspace(target);
    const anchors = path.join(ws.dir, 'anchors.txt');
    const applyJson = async (args: string[]) => {
      const result = await ws.run([...args, '--format', 'json', '--actor', PIETER]);
      expect(result.code, result.stderr).toBe(0);
      return JSON.parse(result.stdout) as AppliedJson;
    };

    const first = await applyJson(['apply', 'config', '--auto-approve', '--anchors', anchors]);
    expect(first.summary).toEqual({ create: 83, update: 0, delete: 0 });
    expect(first.revisions.map((r) => [r.id, r.scope, r.revision])).toEqual([
      [1, 'organizations', 1],
      [2, 'alnoor-bank', 1],
      [3, 'vandijk-retail', 1],
    ]);
    const listed = await ws.run(['history', '--format', 'json']);
    const history = (JSON.parse(listed.stdout) as { revisions: RevisionRecord[] }).revisions;
    expect(first.revisions.map(({ anchor: _, ...record }) => record)).toEqual(history.reverse());
    expect(first.revisions.map((r) => r.anchor)).toEqual(
      first.revisions.map((r) => `${r.scope}@${r.revision} sha256:${r.hash}`),
    );
    const kept = (await readFile(anchors, 'utf8')).split('\n').filter((line) => line !== '');
    expect(kept.map((line) => line.split(' ').slice(0, 2).join(' '))).toEqual(
      first.revisions.map((r) => r.anchor),
    );

    const again = await applyJson(['apply', 'config', '--auto-approve']);
    expect(again.changes).toEqual([]);
    expect(again.revisions).toEqual([]);

    await ws.edit(
      'alnoor-bank/queues.yaml',
      'serviceLevelThresholdSeconds: 20',
      'serviceLevelThresholdSeconds: 21',
    );
    const saved = path.join(ws.dir, 'plan.json');
    expect((await ws.run(['plan', 'config', '--out', saved])).code).toBe(0);
    const fromFile = await applyJson(['apply', saved]);
    expect(fromFile.summary).toEqual({ create: 0, update: 1, delete: 0 });
    expect(fromFile.revisions.map((r) => [r.id, r.scope, r.revision])).toEqual([
      [4, 'alnoor-bank', 2],
    ]);
  }, 240_000);
});
