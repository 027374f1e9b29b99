import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { storeTargets } from '../helpers/databases.js';
import { manyTenantsUrl } from '../helpers/many-tenants.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const CHROMIUM = '/usr/bin/chromium';
const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
const ARTIFACTS = fileURLToPath(new URL('../.artifacts/', import.meta.url));
const PIETER = 'pieter.laan@northwind-partners.example';
const JOOST = 'joost.bakker@vandijk.example';
const HOSTILE = '<script>window.__pwned = 1</script> & "quoted" <b>bold</b>';

// In CI the browser must be there (.ci/run installs it); on a workstation without it, skip.
const skip = !existsSync(CHROMIUM) && !process.env.CI;

let browser: Browser | undefined;
afterAll(async () => {
  await browser?.close();
});

async function launched(): Promise<Browser> {
  browser ??= await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return browser;
}

/** Two applies by two actors: the examples (pieter), then one entry point edited (joost). */
async function reportOfTwoApplies(): Promise<string> {
  const dir = await tempDir();
  const config = path.join(dir, 'config');
  await cp(EXAMPLES, config, {
    recursive: true,
    filter: (source) => !['broken', 'gitops'].includes(path.basename(source)),
  });
  const db = await storeTargets()[0]!.freshUrl();
  const apply = (actor: string) =>
    runCli(['apply', 'config', '--auto-approve', '--actor', actor, '--db', db], { cwd: dir });
  const first = await apply(PIETER);
  expect(first.code, first.stderr).toBe(0);
  const file = path.join(config, 'vandijk-retail', 'entry-points.yaml');
  const text = await readFile(file, 'utf8');
  await writeFile(
    file,
    text.replace('description: Chat widget on vandijk.example.', `description: '${HOSTILE}'`),
  );
  const second = await apply(JOOST);
  expect(second.code, second.stderr).toBe(0);
  const out = path.join(dir, 'report.html');
  const report = await runCli(['report', '--out', out, '--db', db], { cwd: dir });
  expect(report.code, report.stderr).toBe(0);
  return out;
}

describe.skipIf(skip)('ccac report in a browser', () => {
  it('shows revisions, filters by tenant and actor, fetches nothing', async () => {
    const file = await reportOfTwoApplies();
    const page = await (await launched()).newPage({ viewport: { width: 1280, height: 900 } });
    const external: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) external.push(request.url());
    });
    await page.route('**/*', (route) =>
      route.request().url().startsWith('file:') ? route.continue() : route.abort(),
    );
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(pathToFileURL(file).href);

    const visibleIds = () =>
      page.locator('article.revision:visible').evaluateAll((els) => els.map((el) => el.id));
    // organizations, alnoor-bank and vandijk-retail from the first apply, vandijk-retail again: newest first.
    expect(await visibleIds()).toEqual(['revision-4', 'revision-3', 'revision-2', 'revision-1']);
    const newest = page.locator('#revision-4');
    await expect.poll(() => newest.locator('header').innerText()).toContain(JOOST);
    expect(await newest.locator('header').innerText()).toContain('cc-service-admin');
    expect(await newest.locator('.change').count()).toBe(1);
    // The hostile description is shown as text, never run or parsed as HTML.
    expect(await newest.locator('td.after').innerText()).toBe(JSON.stringify(HOSTILE));
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await newest.locator('b').count()).toBe(0);

    expect(await page.locator('table.chains .chain-ok').count()).toBe(3);
    expect(await page.locator('table.chains .chain-broken').count()).toBe(0);
    expect(await page.locator('svg.routing').count()).toBe(2);
    expect(await page.locator('svg.routing .node-entryPoint text').allTextContents()).toContain(
      'Customer_Service_NL',
    );

    await page.selectOption('#filter-tenant', 'vandijk-retail');
    expect(await visibleIds()).toEqual(['revision-4', 'revision-3']);
    expect(await page.locator('section.graph:visible h3').allInnerTexts()).toEqual([
      'vandijk-retail',
    ]);
    expect(await page.locator('#shown-count').innerText()).toBe('2 of 4 revisions shown');

    await page.selectOption('#filter-tenant', '');
    await page.selectOption('#filter-actor', JOOST);
    expect(await visibleIds()).toEqual(['revision-4']);

    await page.selectOption('#filter-actor', PIETER);
    await page.selectOption('#filter-kind', 'Campaign');
    expect(await visibleIds()).toEqual(['revision-3', 'revision-2']);
    expect(await page.locator('#revision-3 .change:visible').count()).toBe(1);

    // Revision 3 (vandijk-retail's first) is large: counted per kind, its first changes shown.
    // A kind chosen leaves that kind's count and changes, and the command for the rest.
    await page.selectOption('#filter-kind', 'User');
    const large = page.locator('#revision-3');
    expect(await large.locator('table.kinds tbody tr:visible td').first().innerText()).toBe('User');
    expect(await large.locator('table.kinds tbody tr:visible').count()).toBe(1);
    const shownUsers = Number(
      await large.locator('table.kinds tr[data-kind="User"] td').last().innerText(),
    );
    expect(shownUsers).toBeGreaterThan(0);
    const changes = large.locator('.change:visible');
    expect(await changes.count()).toBe(shownUsers);
    expect(
      await changes.evaluateAll((els) => els.map((el) => el.getAttribute('data-kind'))),
    ).toEqual(Array(shownUsers).fill('User'));
    expect(await large.locator('.more').innerText()).toMatch(
      /^… \d+ more changes: ccac history show 3$/,
    );

    await page.selectOption('#filter-actor', '');
    await page.selectOption('#filter-kind', '');
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'report.png'), fullPage: false });
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
  });

  it('at partner scale, folds the pictures and shows the one of a tenant chosen, or how to draw it', async () => {
    const dir = await tempDir();
    const url = await manyTenantsUrl(storeTargets()[0]!, 21);
    const file = path.join(dir, 'report.html');
    const report = await runCli(['report', '--out', file, '--db', url], { cwd: dir });
    expect(report.code, report.stderr).toBe(0);
    const page = await (await launched()).newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(pathToFileURL(file).href);

    // Twenty pictures, folded; the tenant changed least recently (tenant-00) is not drawn.
    expect(await page.locator('section.graph details').count()).toBe(20);
    expect(await page.locator('section.graph details[open]').count()).toBe(0);
    expect(await page.locator('svg.routing:visible').count()).toBe(0);
    expect(await page.locator('.undrawn').innerText()).toContain('Not drawn here: 1 more tenant');
    expect(await page.locator('[data-undrawn]:visible').count()).toBe(0);

    await page.selectOption('#filter-tenant', 'tenant-20');
    expect(await page.locator('section.graph:visible h3').allInnerTexts()).toEqual(['tenant-20']);
    expect(await page.locator('svg.routing:visible').count()).toBe(1);

    await page.selectOption('#filter-tenant', 'tenant-00');
    expect(await page.locator('section.graph:visible h3').allInnerTexts()).toEqual(['tenant-00']);
    expect(await page.locator('section.graph:visible p').innerText()).toBe(
      'Not drawn in this report: ccac graph live --tenant tenant-00',
    );
    expect(await page.locator('article.revision:visible').count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
