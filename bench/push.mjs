// `ccac push` at partner scale (issue #19), a step of `npm run bench` (`--only push`), or alone:
//   npx tsx bench/push.mjs [--out bench/results]
// The 100k configuration's largest tenant (bench/generate.mjs: every tenant holds 1,000
// resources, 900 of them users) is applied to a fresh PGlite store, given `spec.webex`, and
// pushed by the built CLI into an empty simulated organization (test/webex-sim, in this process:
// hence tsx), then pushed again. The simulator counts every request: the first push's
// configuration calls must be at most 50 (bulk endpoints), the second push must only read (at
// most one listing per entity and page). Users have no bulk create in Control Hub: their calls
// are counted apart, and paced by the client's 300 requests per minute.
import { spawn } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { callArea } from '../dist/webex/client/request-gate.js';
import { startWebexSimulator } from '../test/webex-sim/index.ts';
import { ACTOR, generate, tenantName } from './generate.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist/cli/main.js');
const ORG = '5b1f0c2e-7a4d-4e8b-9c3f-1d2e3f4a5b6c';
export const PUSH_TARGETS = { firstConfigurationCalls: 50 };

function cli(args, env) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [CLI, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) =>
      resolve({ code, stdout, stderr, ms: Number(process.hrtime.bigint() - started) / 1e6 }),
    );
  });
}

function counted(calls) {
  const reads = calls.filter((c) => c.method === 'GET');
  const writes = calls.filter((c) => c.method !== 'GET');
  const area = (list, name) => list.filter((c) => callArea(c.path) === name).length;
  const listings = reads.map((c) => `${c.method} ${c.path}`);
  return {
    total: calls.length,
    reads: reads.length,
    writes: writes.length,
    configuration: area(calls, 'configuration'),
    configurationWrites: area(writes, 'configuration'),
    users: area(calls, 'users'),
    repeatedListings: listings.length - new Set(listings).size,
  };
}

async function main() {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  const out = outIndex === -1 ? path.join(ROOT, 'bench/results') : args[outIndex + 1];
  const dir = path.join(ROOT, 'bench/.data', 'config-push');
  const db = path.join(ROOT, 'bench/.data', 'push-state');
  await generate(dir, 1000);
  const tenant = tenantName(0);
  const tenantFile = path.join(dir, tenant, 'tenant.yaml');
  const text = await readFile(tenantFile, 'utf8');
  await writeFile(
    tenantFile,
    text.replace('connect:', `webex:\n    orgId: ${ORG}\n    region: us1\n  connect:`),
  );
  await rm(db, { recursive: true, force: true });
  const applied = await cli([
    'apply',
    dir,
    '--auto-approve',
    '--actor',
    ACTOR,
    '--db',
    `pglite:${db}`,
  ]);
  if (applied.code !== 0) throw new Error(`apply failed:\n${applied.stderr.slice(-2000)}`);

  const sim = await startWebexSimulator({ orgs: [ORG] });
  const env = {
    CCAC_WEBEX_BASE_URL: sim.ccUrl,
    CCAC_WEBEX_HUB_URL: sim.hubUrl,
    CCAC_WEBEX_TOKEN: sim.token,
  };
  const push = [
    'push',
    '--actor',
    ACTOR,
    '--tenant',
    tenant,
    '--db',
    `pglite:${db}`,
    '--format',
    'json',
  ];
  const load = os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
  try {
    const first = await cli(push, env);
    const firstCalls = counted(sim.calls());
    const statuses = {};
    for (const r of JSON.parse(first.stdout).tenants[0].resources)
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    sim.resetCalls();
    const second = await cli(push, env);
    const secondCalls = counted(sim.calls());
    const result = {
      date: new Date().toISOString(),
      loadAverage: load,
      cpus: os.cpus().length,
      resources: Object.values(statuses).reduce((a, b) => a + b, 0),
      first: { ms: Math.round(first.ms), exit: first.code, calls: firstCalls, statuses },
      second: { ms: Math.round(second.ms), exit: second.code, calls: secondCalls },
      invalid: sim.invalid().length,
      targets: {
        firstConfigurationCalls: `${firstCalls.configuration} ≤ ${PUSH_TARGETS.firstConfigurationCalls}: ${firstCalls.configuration <= PUSH_TARGETS.firstConfigurationCalls ? 'met' : 'NOT met'}`,
        secondOnlyReads: `${secondCalls.writes} writes, ${secondCalls.repeatedListings} repeated listings: ${secondCalls.writes === 0 && secondCalls.repeatedListings === 0 ? 'met' : 'NOT met'}`,
      },
    };
    await mkdir(out, { recursive: true });
    const day = result.date.slice(0, 10);
    await writeFile(path.join(out, `${day}-push.json`), `${JSON.stringify(result, null, 2)}\n`);
    await writeFile(path.join(out, `${day}-push.md`), markdown(result));
    console.log(markdown(result));
  } finally {
    await sim.close();
  }
}

function markdown(r) {
  const row = (name, run) =>
    `| ${name} | ${run.exit} | ${(run.ms / 1000).toFixed(1)} s | ${run.calls.total} | ${run.calls.reads} | ${run.calls.writes} | ${run.calls.configuration} | ${run.calls.users} |`;
  return `# ccac push: the 100k configuration's largest tenant into an empty simulated org

${r.date}, load average ${r.loadAverage} (${r.cpus} CPUs). ${r.resources} resources; the
simulator validates every request and response (${r.invalid} invalid).

| push | exit | wall | requests | reads | writes | configuration | users |
|---|---|---|---|---|---|---|---|
${row('first (empty org)', r.first)}
${row('second (nothing to do)', r.second)}

First push, resources by outcome: ${Object.entries(r.first.statuses)
    .map(([s, n]) => `${s} ${n}`)
    .join(', ')}.

- First push, configuration requests (bulk endpoints): ${r.targets.firstConfigurationCalls}.
- Second push only reads: ${r.targets.secondOnlyReads}.

Users are counted apart: Control Hub has no bulk create for people or licences, so each new
person is one POST /people, paced by the client's 300 requests per minute.
`;
}

await main();
