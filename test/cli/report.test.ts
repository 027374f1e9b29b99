import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { storeTargets, type StoreTarget } from '../helpers/databases.js';
import { manyTenantsUrl } from '../helpers/many-tenants.js';
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

/** One revision's article in the page. */
function article(html: string, id: number): string {
  const found = new RegExp(`<article [^>]*id="revision-${id}"[\\s\\S]*?</article>`).exec(html);
  expect(found, `revision ${id} in the page`).not.toBeNull();
  return found![0];
}

/** An article's table of counts: kind → [created, updated, deleted, shown]. */
function kindCounts(html: string): Record<string, number[]> {
  const rows = html.matchAll(
    /<tr data-kind="(\w+)"><td>\w+<\/td>((?:<td class="number">\d+<\/td>){4})<\/tr>/g,
  );
  return Object.fromEntries(
    [...rows].map((m) => [m[1]!, [...m[2]!.matchAll(/\d+/g)].map((n) => Number(n[0]))]),
  );
}

/** An article's changes as shown: kind and address, in page order. */
const shownChanges = (html: string) =>
  [
    ...html.matchAll(
      /<section class="change action-\w+" data-kind="(\w+)"><h4>.*?<code>([^<]*)<\/code><\/h4>/g,
    ),
  ].map((m) => ({ kind: m[1]!, address: m[2]! }));

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

  it('shows a large revision as counts per kind and action, its first changes of every kind, and the command for the rest', async () => {
    const { dir, url, report } = await appliedWorkspace(target);
    const { code, stderr, html } = await report();
    expect(code, stderr).toBe(0);
    // Revision 3 is vandijk-retail's first: more changes than the page shows of one revision.
    const show = await runCli(['history', 'show', '3', '--format', 'json', '--db', url], {
      cwd: dir,
    });
    expect(show.code, show.stderr).toBe(0);
    const recorded = (
      JSON.parse(show.stdout) as {
        plan: { changes: { address: string; kind: string; action: string }[] };
      }
    ).plan.changes;
    const expected: Record<string, number[]> = {};
    for (const change of recorded) {
      const counts = (expected[change.kind] ??= [0, 0, 0]);
      counts[['create', 'update', 'delete'].indexOf(change.action)]!++;
    }
    const large = article(html, 3);
    const counts = kindCounts(large);
    expect(Object.fromEntries(Object.entries(counts).map(([k, c]) => [k, c.slice(0, 3)]))).toEqual(
      expected,
    );
    const shown = shownChanges(large);
    expect(recorded.length).toBeGreaterThan(shown.length);
    expect(shown).toHaveLength(20);
    // Every kind the revision changed is among those shown, each kind's first ones by address.
    for (const kind of Object.keys(expected)) {
      const ofKind = shown.filter((change) => change.kind === kind).map((c) => c.address);
      expect(ofKind.length, kind).toBe(counts[kind]![3]);
      expect(ofKind.length, kind).toBeGreaterThan(0);
      const first = recorded
        .filter((change) => change.kind === kind)
        .map((change) => change.address)
        .sort()
        .slice(0, ofKind.length);
      expect(ofKind, kind).toEqual(first);
    }
    expect(large).toContain(
      `… ${recorded.length - 20} more changes: <code>ccac history show 3</code>`,
    );
    // A small revision is whole, without counts or pointer.
    const small = article(html, 4);
    expect(shownChanges(small)).toHaveLength(1);
    expect(small).not.toContain('class="kinds"');
    expect(small).not.toContain('more change');
  });

  it('reports a change altered outside ccac even where the page does not show it', async () => {
    const { dir, url, report } = await appliedWorkspace(target);
    const before = await report();
    const shown = new Set(shownChanges(article(before.html, 3)).map((change) => change.address));
    const store = await openStore(url, { cwd: dir });
    try {
      const rows = await store.db.query<{ address: string }>(
        `select address from changes where scope = 'vandijk-retail' and revision = 1`,
      );
      const hidden = rows.map((row) => row.address).find((address) => !shown.has(address));
      expect(hidden).toBeDefined();
      await store.db.query(
        `update changes set after = jsonb_set(after, '{spec,displayName}', '"mallory"')
          where scope = 'vandijk-retail' and revision = 1 and address = $1`,
        [hidden],
      );
    } finally {
      await store.close();
    }
    const { code, stderr, html } = await report();
    expect(code).toBe(0);
    expect(stderr).toContain('1 broken hash chain');
    expect(html).toMatch(/✘ vandijk-retail: revision 1 \(id 3\) was altered/);
    expect(html).not.toContain('mallory');
  });

  it('writes the page to standard output without --out', async () => {
    const { dir, url, report } = await appliedWorkspace(target);
    const result = await runCli(['report', '--db', url], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('Wrote the report: 4 revisions');
    const undated = (text: string) => text.replace(/Generated at [^<]*/, 'Generated at …');
    expect(undated(result.stdout)).toBe(undated((await report()).html));
  });

  it('says why it cannot write the page, and leaves nothing behind', async () => {
    const { dir, url } = await appliedWorkspace(target);
    const missing = await runCli(['report', '--out', '/no/such/dir/r.html', '--db', url], {
      cwd: dir,
    });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      'error FILE cannot write /no/such/dir/r.html: no such file or directory',
    );
    expect(missing.stderr).not.toContain('internal error');
    // A store that fails after the file was opened: no page, no half page beside it.
    const unreachable = 'postgres://ccac@127.0.0.1:1/none';
    const failed = await runCli(['report', '--out', 'r.html', '--db', unreachable], { cwd: dir });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('STORE');
    expect(await readdir(dir)).toEqual([]);
  });

  it('draws the pictures of the 20 tenants changed last, folded, and says how to draw the others', async () => {
    const url = await manyTenantsUrl(target, 21);
    const dir = await tempDir();
    const out = path.join(dir, 'r.html');
    const result = await runCli(['report', '--out', out, '--db', url], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const html = await readFile(out, 'utf8');
    // Newest first: the tenant of the last article changed least recently.
    const byRecency = attribute(html, 'data-tenant').filter((t) => t !== 'organizations');
    const oldest = byRecency.at(-1)!;
    const drawn = [
      ...html.matchAll(/<section class="graph" data-graph-tenant="([^"]+)"><details>/g),
    ];
    expect(drawn.map((m) => m[1]).sort()).toEqual(byRecency.slice(0, 20).sort());
    expect(html.match(/<svg /g)).toHaveLength(20);
    expect(html).toContain(
      `<section class="graph" data-graph-tenant="${oldest}" data-undrawn hidden><h3>${oldest}</h3>` +
        `<p class="none">Not drawn in this report: <code>ccac graph live --tenant ${oldest}</code></p></section>`,
    );
    expect(html).toContain('Not drawn here: 1 more tenant (this page draws the 20 changed last).');
  });
});
