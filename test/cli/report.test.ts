import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { storeTargets, type StoreTarget } from '../helpers/databases.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
const PIETER = 'pieter.laan@northwind-partners.example';
const HOSTILE = '<script>window.__pwned = 1</script> & "x"';

/** The examples applied, then an entry point's description set to `HOSTILE` and applied. */
async function seedHostile(url: string): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ccac-seed-'));
  try {
    const config = path.join(dir, 'config');
    await cp(EXAMPLES, config, {
      recursive: true,
      filter: (source) => !['broken', 'gitops'].includes(path.basename(source)),
    });
    const apply = async () => {
      const args = ['apply', 'config', '--auto-approve', '--actor', PIETER, '--db', url];
      const result = await runCli(args, { cwd: dir });
      if (result.code !== 0)
        throw new Error(`apply failed (exit ${result.code}): ${result.stderr}`);
    };
    await apply();
    const file = path.join(config, 'vandijk-retail', 'entry-points.yaml');
    const text = await readFile(file, 'utf8');
    await writeFile(
      file,
      text.replace('description: Chat widget on vandijk.example.', `description: '${HOSTILE}'`),
    );
    await apply();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A workspace whose store is a copy of seedHostile's (seeded once per run and database). */
async function appliedWorkspace(target: StoreTarget): Promise<{
  dir: string;
  url: string;
  report: (...args: string[]) => Promise<{ code: number; stderr: string; html: string }>;
}> {
  const dir = await tempDir();
  const url = await target.seededUrl('report-hostile', seedHostile);
  let n = 0;
  return {
    dir,
    url,
    async report(...args) {
      const out = path.join(dir, `report-${++n}.html`);
      const result = await runCli(['report', '--out', out, '--db', url, ...args], { cwd: dir });
      const html = result.code === 0 ? await readFile(out, 'utf8') : '';
      return { code: result.code, stderr: result.stderr, html };
    },
  };
}

const attribute = (html: string, name: string) =>
  [...html.matchAll(new RegExp(`${name}="([^"]*)"`, 'g'))].map((m) => m[1]);

describe.each(storeTargets())('ccac report ($dialect)', (target) => {
  it('writes one self-contained page, the same every time but for its date', async () => {
    const { report } = await appliedWorkspace(target);
    const first = await report();
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain('4 revisions');
    const { html } = first;
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('Content-Security-Policy" content="default-src \'none\';');
    // Nothing to fetch: no links, no sources, no URL but the SVG namespace.
    expect(html).not.toMatch(/<link|\ssrc=|url\(/);
    expect(html.match(/https?:\/\/[^\s"')]+/g) ?? []).toEqual(
      Array(2).fill('http://www.w3.org/2000/svg'),
    );
    expect(html.match(/<script/g)).toHaveLength(1);
    // The hostile description is text.
    expect(html).toContain(
      '&lt;script&gt;window.__pwned = 1&lt;/script&gt; &amp; \\&quot;x\\&quot;',
    );
    expect(html).not.toContain('<script>window');
    // Newest first, the chains intact.
    expect(attribute(html, 'id').filter((id) => id!.startsWith('revision-'))).toEqual([
      'revision-4',
      'revision-3',
      'revision-2',
      'revision-1',
    ]);
    expect(html.match(/✔ intact/g)).toHaveLength(3);

    const again = await report();
    const undated = (text: string) => text.replace(/Generated at [^<]*/, 'Generated at …');
    expect(undated(again.html)).toBe(undated(html));
    expect(again.html).not.toBe('');
  });

  it('limits the page to the tenants asked for', async () => {
    const { report } = await appliedWorkspace(target);
    const { code, html } = await report('--tenant', 'vandijk-retail');
    expect(code).toBe(0);
    expect(new Set(attribute(html, 'data-tenant'))).toEqual(new Set(['vandijk-retail']));
    expect(attribute(html, 'data-chain-scope')).toEqual(['vandijk-retail']);
    expect(attribute(html, 'data-graph-tenant')).toEqual(['vandijk-retail']);
    expect(html).toContain('Tenants: vandijk-retail');
  });

  it('shows where a tampered chain breaks', async () => {
    const { dir, url, report } = await appliedWorkspace(target);
    const store = await openStore(url, { cwd: dir });
    try {
      await store.db.query(`update revisions set actor = 'mallory@evil.example' where scope = $1`, [
        'alnoor-bank',
      ]);
    } finally {
      await store.close();
    }
    const { code, stderr, html } = await report();
    expect(code).toBe(0);
    expect(stderr).toContain('1 broken hash chain');
    expect(html).toMatch(/✘ alnoor-bank: revision 1 \(id \d+\) was altered/);
    expect(html.match(/✔ intact/g)).toHaveLength(2);
  });
});
