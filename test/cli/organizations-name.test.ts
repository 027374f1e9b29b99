import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { cliWorkspace, PIETER } from '../helpers/cli-store.js';
import { storeTargets } from '../helpers/databases.js';

/**
 * The organizations' scope has one name in everything ccac shows: `organizations`, as the plan
 * text says; `_global` (the store's key) and `(organizations)` never show (#17 item 15).
 */
describe('the organizations scope, named once', () => {
  test('plan, apply, anchors, history, verify, drift and report all say `organizations`', async () => {
    const ws = await cliWorkspace(storeTargets()[0]!);
    const anchors = path.join(ws.dir, 'anchors.txt');
    const outputs: Record<string, string> = {};
    const show = async (name: string, args: string[], expectedCode = 0) => {
      const result = await ws.run(args);
      expect(result.code, `${name}: ${result.stderr}`).toBe(expectedCode);
      outputs[name] = result.stdout + result.stderr;
      return result;
    };

    await show('plan text', ['plan', 'config']);
    const json = await show('plan json', ['plan', 'config', '--format', 'json']);
    expect(Object.keys((JSON.parse(json.stdout) as { tenants: object }).tenants)).toContain(
      'organizations',
    );
    const markdown = await show('plan markdown', ['plan', 'config', '--format', 'markdown']);
    expect(markdown.stdout).toMatch(/\| organizations \| Organization \|/);
    const applied = await show('apply', [
      ...['apply', 'config', '--auto-approve', '--actor', PIETER, '--anchors', anchors],
    ]);
    expect(applied.stderr).toContain('Revisions: organizations@1, alnoor-bank@1');
    outputs['anchor file'] = await readFile(anchors, 'utf8');
    expect(outputs['anchor file']).toMatch(/^organizations@1 sha256:/m);

    const list = await show('history', ['history']);
    expect(list.stdout).toMatch(/ organizations@1 /);
    const listed = await show('history json', ['history', '--format', 'json']);
    expect(listed.stdout).toContain('"scope": "organizations"');
    await show('history show', ['history', 'show', '1']);
    await show('history show json', ['history', 'show', '1', '--format', 'json']);
    await show('history show markdown', ['history', 'show', '1', '--format', 'markdown']);
    await show('verify', ['history', 'verify', '--tenant', 'organizations', '--anchors', anchors]);
    const verified = await show('verify json', ['history', 'verify', '--format', 'json']);
    expect(verified.stdout).toContain('"scope": "organizations"');
    await show('drift', ['drift', '--tenant', 'organizations', '--format', 'json']);
    const report = await show('report', ['report']);
    expect(report.stdout).toContain('<option value="organizations">organizations</option>');

    for (const [name, text] of Object.entries(outputs)) {
      expect(text, name).not.toContain('_global');
      expect(text, name).not.toContain('(organizations)');
    }
  }, 180_000);
});
