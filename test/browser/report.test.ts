import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { storeTargets } from '../helpers/databases.js';
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
    browser = await chromium.launch({
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
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
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
    // _global, alnoor-bank and vandijk-retail from the first apply, vandijk-retail again: newest first.
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

    await page.selectOption('#filter-actor', '');
    await page.selectOption('#filter-kind', '');
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'report.png'), fullPage: false });
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
  });
});
