// `ccac push` at partner scale (issue #19), a step of `npm run bench` (`--only push`), or alone:
//   npx tsx bench/push.mjs [--out bench/results]
// The 100k configuration's largest tenant (bench/generate.mjs: every tenant holds 1,000
// resources, 900 of them users) is applied to a fresh PGlite store, given `spec.webex`, and
// pushed by the built CLI into an empty simulated organization (test/webex-sim, in this process:
// hence tsx), then pushed again. The simulator counts every request: the first push's
// configuration calls must be at most 50 (bulk endpoints), the second push must only read (at
// most one listing per entity and page). Users' calls are counted apart: people without a
// licence go by SCIM 2 Bulk (100 a call), but a licence goes to one person per call whatever
// the endpoint (see the results' text), so a tenant of licensed users costs a call per new
// user, paced by the client's 300 requests per minute. The org is seeded with
// what the tenant names and ccac does not make (Flow Designer flows, hold music), as a real
// org would have it; the results list per endpoint what was called, and any resource unsettled.
import { spawn } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { callArea } from '../dist/webex/client/request-gate.js';
import { startWebexSimulator } from '../test/webex-sim/index.ts';
import { importFlowVersion } from '../test/webex-sim/state/flow-store.ts';
import { ACTOR, FLOWS, generate, tenantName } from './generate.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist/cli/main.js');
const ORG = '5b1f0c2e-7a4d-4e8b-9c3f-1d2e3f4a5b6c';
export const PUSH_TARGETS = { firstConfigurationCalls: 50, firstTotalCalls: 50 };

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

/** A call's endpoint: its path without the query, ids as {id}. */
function endpointOf(call) {
  const segments = call.path.split('?')[0].split('/');
  const template = segments
    .map((s) => (/^[0-9a-f-]{24,}$/i.test(s) || /^[A-Za-z0-9_-]{40,}$/.test(s) ? '{id}' : s))
    .join('/');
  return `${call.method} ${template}`;
}

/** Calls per endpoint, with the area each counts in, most called first. */
function endpoints(calls) {
  const counts = new Map();
  for (const call of calls) {
    const key = endpointOf(call);
    const entry = counts.get(key) ?? { endpoint: key, area: callArea(call.path), calls: 0 };
    entry.calls++;
    counts.set(key, entry);
  }
  return [...counts.values()].sort(
    (a, b) => b.calls - a.calls || (a.endpoint < b.endpoint ? -1 : 1),
  );
}

/** The first push's writes to Control Hub people, by the endpoint that made them. */
function peopleCalls(list) {
  const calls = (endpoint) => list.find((e) => e.endpoint === endpoint)?.calls ?? 0;
  return {
    peoplePost: calls('POST /people'),
    scimBulk: list
      .filter((e) => /^POST \/identity\/scim\/.*\/v2\/Bulk$/.test(e.endpoint))
      .reduce((n, e) => n + e.calls, 0),
    licencePatch: calls('PATCH /licenses/users'),
  };
}

/** Resources a push did not settle (failed, refused), grouped by what was said of them. */
function unsettled(resources) {
  const reasons = new Map();
  for (const r of resources.filter((r) => r.status === 'failed' || r.status === 'refused')) {
    const why = `${r.status} ${r.kind}: ${r.reason ?? r.failures.join('; ')}`;
    reasons.set(why, (reasons.get(why) ?? 0) + 1);
  }
  return [...reasons].map(([why, count]) => ({ why, count }));
}

/**
 * What the generated tenant names but ccac does not make, as its admins would have made it: the
 * flows (built in Flow Designer: the configuration gives them no definition file, so ccac adopts
 * them by name) and the entry points' hold music (audio files are uploaded in Control Hub).
 */
function seedDesignerWork(org) {
  for (let f = 0; f < FLOWS; f++)
    importFlowVersion(org, { name: `Flow_${String(f).padStart(2, '0')}` }, 'FLOW');
  org.add('audioFiles', { name: 'hold.wav', contentType: 'AUDIO_WAV' });
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
  seedDesignerWork(sim.org(ORG));
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
    const firstResources = JSON.parse(first.stdout).tenants[0].resources;
    for (const r of firstResources) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    const firstEndpoints = endpoints(sim.calls());
    sim.resetCalls();
    const second = await cli(push, env);
    const secondCalls = counted(sim.calls());
    const result = {
      date: new Date().toISOString(),
      loadAverage: load,
      cpus: os.cpus().length,
      resources: Object.values(statuses).reduce((a, b) => a + b, 0),
      first: {
        ms: Math.round(first.ms),
        exit: first.code,
        calls: firstCalls,
        endpoints: firstEndpoints,
        statuses,
        unsettled: unsettled(firstResources),
      },
      second: { ms: Math.round(second.ms), exit: second.code, calls: secondCalls },
      invalid: sim.invalid().length,
      people: peopleCalls(firstEndpoints),
      targets: {
        firstTotalCalls: `${firstCalls.total} ≤ ${PUSH_TARGETS.firstTotalCalls}: ${firstCalls.total <= PUSH_TARGETS.firstTotalCalls ? 'met' : 'NOT met'}`,
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
    .join(', ')}.${
    r.first.unsettled.length
      ? `\n\nNot settled by the first push:\n\n${r.first.unsettled.map((u) => `- ${u.count} × ${u.why}`).join('\n')}`
      : ''
  }

- First push, all requests: ${r.targets.firstTotalCalls}.
- First push, configuration requests (bulk endpoints): ${r.targets.firstConfigurationCalls}.
- Second push only reads: ${r.targets.secondOnlyReads}.

**What counts as what.** *Configuration* requests go to the Contact Center configuration API
for what a tenant configures: sites, business hours, holiday lists, overrides, desktop (agent)
profiles, teams, queues, entry points, dial numbers, flows. All but flows have bulk endpoints
(one POST saves many objects), so their number hardly grows with the tenant. Flows are imported
and published one at a time (here none: they are adopted). *Users* requests are Control Hub's
people, licences and roles, and the Contact Center's user and user-profile endpoints.

**Why the first push's users cost a call each.** Control Hub creates people in bulk: SCIM 2
\`POST /identity/scim/{orgId}/v2/Bulk\` takes up to 100 operations (create, change, delete),
each answered with its own status. ccac sends by it every new person without a licence and
every change to a live person's name and roles (here: ${r.people.scimBulk} Bulk calls). But no published endpoint gives a
licence to more than one person per call: the SCIM user schema (core, enterprise and Cisco
extensions) has no licences, SCIM group inheritance carries roles only ("Currently, only the
\`role\` type is supported"), and \`PATCH /licenses/users\` names one person (\`email\` or
\`personId\`) per request, which Cisco's People page says is how SCIM users are licensed "even in
large quantities". So a new person with a licence costs at least one call: ccac makes that one
call \`POST /people\`, which carries the person's roles and licences together (here:
${r.people.peoplePost}); SCIM Bulk and then the licence would cost one call more per hundred. Every user of the
generated tenant holds a contact-center licence, hence about one request per user, paced by
Webex's 300 requests per minute (the wall time), and the ≤ 50 total is not reachable for this
tenant with the published API; it holds for its configuration and for unlicensed people
(300 of them take 3 calls: test/cli/push-people-bulk.test.ts). A live person's licence change
is likewise one \`PATCH /licenses/users\` per person (here: ${r.people.licencePatch}). The contact-center users
Webex then makes are updated in bulk (\`PATCH …/user/bulk\`).

The org was seeded with what the generated tenant names but ccac does not make: its 15 flows
(built in Flow Designer: the generated configuration gives them no definition file, so they
are adopted by name) and the entry points' hold music (audio files are uploaded in Control Hub).

First push, requests per endpoint:

| endpoint | area | requests |
|---|---|---|
${r.first.endpoints.map((e) => `| \`${e.endpoint}\` | ${e.area} | ${e.calls} |`).join('\n')}
`;
}

await main();
