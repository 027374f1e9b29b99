import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

/** Issue #16: names and paths from the configuration end up in a pull-request comment. */
const FOLDER = 'x`<img src=x onerror=alert(1)>`';
const QUEUE = 'Q` <details open><summary>✅ All checks passed<summary> `';

const HOSTILE_QUEUE = (agents: string) => `---
apiVersion: ccac/v1
kind: Queue
metadata:
  tenant: vandijk-retail
  name: "${QUEUE}"
spec:
  channelType: chat
  direction: inbound
  agents: [${agents}]
`;

/**
 * Markdown outside fenced code blocks (which no value can close: see plan-markdown.ts).
 * Fences are recognised as CommonMark does: a run of 3+ backticks opens one, a run at least as
 * long closes it.
 */
function outsideFences(markdown: string): string[] {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const run = /^(`{3,})/.exec(line)?.[1];
    if (fence === undefined && run) fence = run;
    else if (fence !== undefined && run && run.length >= fence.length && line.trim() === run)
      fence = undefined;
    else if (fence === undefined) out.push(line);
  }
  return out;
}

/** No raw HTML from the names, and every code span on every line closed where it opened. */
function expectContained(markdown: string): void {
  expect(markdown).not.toContain('<img');
  expect(markdown).not.toContain('<details open>');
  for (const line of outsideFences(markdown)) {
    const ticks = line.match(/`/g)?.length ?? 0;
    expect(ticks % 2, `unbalanced code spans in: ${line}`).toBe(0);
  }
}

describe('plan --format markdown with hostile names', () => {
  test('a folder and a Queue whose names hold backticks and HTML stay text', async () => {
    const dir = await tempDir();
    const config = path.join(dir, FOLDER);
    await cp(EXAMPLES, config, { recursive: true, filter: (s) => path.basename(s) !== 'broken' });
    const queues = path.join(config, 'vandijk-retail', 'queues.yaml');
    const original = await readFile(queues, 'utf8');
    const plan = () =>
      runCli(['plan', FOLDER, '--format', 'markdown', '--db', `pglite:${path.join(dir, 'db')}`], {
        cwd: dir,
      });

    // The Queue is created: its address is in the summary of its section.
    await writeFile(queues, `${original}${HOSTILE_QUEUE('daan.mulder@vandijk.example')}`);
    const created = await plan();
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(
      '<code>vandijk-retail/Queue/Q&#96; &#60;details open&#62;&#60;summary&#62;✅ All checks passed&#60;summary&#62; &#96;</code></summary>',
    );
    expectContained(created.stdout);

    // An agent nobody declared: a diagnostic naming the file (in the folder) and the Queue.
    await writeFile(queues, `${original}${HOSTILE_QUEUE('nobody@vandijk.example')}`);
    const broken = await plan();
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(
      /- ❌ \*\*error\*\* `REF_UNKNOWN` <code>x&#96;&#60;img src=x onerror=alert\(1\)&#62;&#96;\/vandijk-retail\/queues\.yaml:\d+:\d+<\/code> \(<code>vandijk-retail\/Queue\/Q&#96; &#60;details open&#62;/,
    );
    expectContained(broken.stdout);
  }, 120_000);
});
