// `node bench/import.mjs [--users 10000] [--out bench/results]`: `ccac import webex` of an org of
// that many people (the realistic org of test/webex-sim/realistic-org.ts) from the simulator,
// timed as a whole CLI process, with the calls it made; results to <out>/<date>-import.md with
// the machine's load average (other work on the machine slows the run).
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist/cli/main.js');
const ORG = '5b0c6a0e-9d7e-4f3a-8c21-7e4d2b1a9f30';

const args = process.argv.slice(2);
const get = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
};
const users = Number(get('users', '10000'));
const outDir = get('out', path.join(ROOT, 'bench/results'));

const { startWebexSimulator } = await import('../test/webex-sim/index.ts');
const { seedRealisticOrg } = await import('../test/webex-sim/realistic-org.ts');

const sim = await startWebexSimulator({ orgs: [ORG] });
const seeded = performance.now();
seedRealisticOrg(sim.org(ORG), users);
const seedMs = performance.now() - seeded;
const dir = await mkdtemp(path.join(tmpdir(), 'ccac-bench-import-'));
const load = loadavg();
try {
  sim.resetCalls();
  const started = performance.now();
  const result = await run([
    'import',
    'webex',
    '--tenant',
    'acme',
    '--org',
    ORG,
    '--region',
    'eu1',
    '--out',
    path.join(dir, 'config'),
  ]);
  const ms = performance.now() - started;
  if (result.code !== 0) throw new Error(`import exited ${result.code}:\n${result.stderr}`);
  const calls = sim.calls();
  const byOperation = new Map();
  for (const call of calls)
    byOperation.set(call.operationId, (byOperation.get(call.operationId) ?? 0) + 1);
  const date = new Date().toISOString().slice(0, 10);
  const text = [
    `# ccac import webex: ${users.toLocaleString('en')} people (${date})`,
    '',
    `Machine: ${cpus().length} cores, load average ${load.map((l) => l.toFixed(2)).join(' / ')} (1/5/15 min) at the start.`,
    `Simulator in the bench process (seeded in ${(seedMs / 1000).toFixed(1)} s), the CLI a process of its own (dist/, node ${process.version}).`,
    '',
    '| what | value |',
    '|---|---|',
    `| wall time of \`ccac import webex\` | ${(ms / 1000).toFixed(2)} s |`,
    `| calls made | ${calls.length} |`,
    `| calls by status | ${[...new Set(calls.map((c) => c.status))].map((s) => `${s}: ${calls.filter((c) => c.status === s).length}`).join(', ')} |`,
    '',
    '| operation | calls |',
    '|---|---|',
    ...[...byOperation]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([op, n]) => `| ${op || '(none)'} | ${n} |`),
    '',
    'The summary the CLI printed:',
    '',
    '```',
    result.stderr.trim(),
    '```',
    '',
  ].join('\n');
  await mkdir(outDir, { recursive: true });
  const file = path.join(outDir, `${date}-import.md`);
  await writeFile(file, text);
  process.stdout.write(`${text}\nWritten to ${file}\n`);
} finally {
  await rm(dir, { recursive: true, force: true });
  await sim.close();
}

function run(cliArgs) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...cliArgs], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        CCAC_WEBEX_BASE_URL: sim.ccUrl,
        CCAC_WEBEX_HUB_URL: sim.hubUrl,
        CCAC_WEBEX_TOKEN: sim.token,
      },
    });
    let stderr = '';
    child.stdout.resume();
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}
