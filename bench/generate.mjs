// Deterministic synthetic partner configuration: `tenants` tenants × 1,000 resources each,
// one folder per tenant, several files per folder. No randomness: the same size gives the same bytes.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { reshape } from './shapes.mjs';

export const RESOURCES_PER_TENANT = 1000;
export const PARTNER = 'bench-partner';
export const ACTOR = 'ops@partner.example';

const USERS = 900;
const USERS_PER_FILE = 100;
const TEAMS = 20;
const PROFILES = ['Agent_Desk', 'Agent_Extension', 'Lead_Desk', 'Supervisor_Desk'];
const HOURS = 5;
export const FLOWS = 15;
const QUEUES = 30;
const CAMPAIGNS = 5;
// 1 tenant + 900 users + 20 teams + 4 profiles + 5 hours + 15 flows + 30 queues + 20 entry points + 5 campaigns
const ENTRY_POINTS =
  RESOURCES_PER_TENANT - 1 - USERS - TEAMS - PROFILES.length - HOURS - FLOWS - QUEUES - CAMPAIGNS;
const CHANNELS = ['chat', 'email', 'social', 'inbound-telephony', 'outbound-telephony'];
const SOCIAL = ['facebook-messenger', 'sms', 'whatsapp'];
const ZONES = [
  'Europe/Amsterdam',
  'Europe/Berlin',
  'America/New_York',
  'Asia/Tokyo',
  'Australia/Sydney',
];
const COUNTRIES = ['NL', 'DE', 'US', 'JP', 'AU'];
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri'];

const pad = (n, width = 3) => String(n).padStart(width, '0');
export const tenantName = (t) => `tenant-${pad(t)}`;
const userName = (t, u) => `agent${pad(u)}@${tenantName(t)}.example`;
const number = (t, n) => `+3120${pad(t)}${pad(n, 4)}`;

function doc(kind, tenant, name, specLines, labels) {
  const lines = ['apiVersion: ccac/v1', `kind: ${kind}`, 'metadata:'];
  if (tenant) lines.push(`  tenant: ${tenant}`);
  lines.push(`  name: ${name}`);
  if (labels) lines.push('  labels:', ...Object.entries(labels).map(([k, v]) => `    ${k}: ${v}`));
  lines.push('spec:', ...specLines.map((l) => `  ${l}`));
  return lines.join('\n') + '\n';
}
const file = (docs) => docs.join('---\n');

function organization() {
  return doc('Organization', null, PARTNER, ['type: partner', 'displayName: Bench Partner B.V.']);
}

function tenantDoc(t) {
  const numbers = Array.from({ length: ENTRY_POINTS }, (_, i) => `  - '${number(t, i)}'`);
  return doc(
    'Tenant',
    null,
    tenantName(t),
    [
      `displayName: Bench Tenant ${t}`,
      `partner: ${PARTNER}`,
      'subscription: subscription',
      `countryOfOperation: ${COUNTRIES[t % COUNTRIES.length]}`,
      `timezone: ${ZONES[t % ZONES.length]}`,
      'platform: new-platform',
      'telephony: webex-calling',
      'licenses:',
      '  standard: 1000',
      '  premium: 1000',
      'numbers:',
      ...numbers,
      'connect:',
      '  enabled: true',
    ],
    { segment: 'bench', wave: `w${t % 4}` },
  );
}

/** User 0 is the partner's full admin (the bench actor); 1–9 customer admins; the rest agents. */
function userDoc(t, u) {
  const tenant = tenantName(t);
  if (u === 0)
    return doc('User', tenant, ACTOR, [
      'displayName: Partner Operations',
      `organization: ${PARTNER}`,
      'adminRoles: [full-admin]',
      'license: premium',
    ]);
  const lines = [`displayName: Agent ${t}-${u}`];
  if (u < 3) lines.push('adminRoles: [full-admin]', 'license: premium');
  else if (u < 6)
    lines.push(
      'adminRoles: [cc-service-admin]',
      'license: premium',
      'contactCenterRole: supervisor',
      'desktopProfile: Supervisor_Desk',
    );
  else if (u < 10)
    lines.push(
      'adminRoles: [supervisor]',
      'license: premium',
      'contactCenterRole: supervisor-agent',
      'desktopProfile: Lead_Desk',
    );
  else {
    lines.push(`license: ${u % 3 === 0 ? 'premium' : 'standard'}`, 'contactCenterRole: agent');
    lines.push(`desktopProfile: ${u % 2 === 0 ? 'Agent_Desk' : 'Agent_Extension'}`);
  }
  if (u >= 6) lines.push(`teams: [Team_${pad(u % TEAMS, 2)}, Team_${pad((u + 7) % TEAMS, 2)}]`);
  return doc('User', tenant, u === 0 ? ACTOR : userName(t, u), lines);
}

/** Agents of queue q: 20 licensed agents (users ≥ 10). */
const queueAgents = (t, q) =>
  Array.from({ length: 20 }, (_, i) => userName(t, 10 + ((q * 29 + i * 7) % (USERS - 10))));

function queueChannel(q) {
  return CHANNELS[q % CHANNELS.length];
}

function tenantFiles(t) {
  const tenant = tenantName(t);
  const files = { 'tenant.yaml': tenantDoc(t) };
  for (let f = 0; f < USERS / USERS_PER_FILE; f++) {
    const docs = [];
    for (let u = f * USERS_PER_FILE; u < (f + 1) * USERS_PER_FILE; u++) docs.push(userDoc(t, u));
    files[`users-${pad(f, 2)}.yaml`] = file(docs);
  }
  files['teams.yaml'] = file(
    Array.from({ length: TEAMS }, (_, i) =>
      doc('Team', tenant, `Team_${pad(i, 2)}`, [`description: Team ${i} of ${tenant}`]),
    ),
  );
  files['desktop-profiles.yaml'] = file([
    doc('DesktopProfile', tenant, 'Agent_Desk', [
      'loginRoles: [agent]',
      'stationLogin: [dial-number, desktop]',
      'rememberCredentials: true',
    ]),
    doc('DesktopProfile', tenant, 'Agent_Extension', [
      'loginRoles: [agent]',
      'stationLogin: [extension, desktop]',
    ]),
    doc('DesktopProfile', tenant, 'Lead_Desk', [
      'loginRoles: [agent, supervisor]',
      'stationLogin: [desktop]',
    ]),
    doc('DesktopProfile', tenant, 'Supervisor_Desk', [
      'loginRoles: [supervisor]',
      'stationLogin: [desktop]',
    ]),
  ]);
  files['business-hours.yaml'] = file(
    Array.from({ length: HOURS }, (_, h) =>
      doc('BusinessHours', tenant, `Hours_${h}`, [
        `timezone: ${ZONES[(t + h) % ZONES.length]}`,
        'shifts:',
        `  - name: Week`,
        `    days: [${DAYS.join(', ')}]`,
        `    start: '0${7 + (h % 3)}:00'`,
        `    end: '1${7 + (h % 3)}:30'`,
        `  - name: Saturday`,
        '    days: [sat]',
        "    start: '10:00'",
        "    end: '14:00'",
        'holidays:',
        '  - name: New Year',
        '    from: 2026-01-01',
        '    to: 2026-01-01',
        'overrides:',
        '  - name: Maintenance',
        '    from: 2026-06-01T18:00:00+02:00',
        '    to: 2026-06-01T22:00:00+02:00',
        '    open: false',
      ]),
    ),
  );
  files['flows.yaml'] = file(
    Array.from({ length: FLOWS }, (_, f) =>
      doc('Flow', tenant, `Flow_${pad(f, 2)}`, [
        `type: ${f % 5 === 4 ? 'event' : 'routing'}`,
        `businessHours: Hours_${f % HOURS}`,
      ]),
    ),
  );
  files['queues.yaml'] = file(
    Array.from({ length: QUEUES }, (_, q) => {
      const channel = queueChannel(q);
      const lines = [
        `channelType: ${channel}`,
        `direction: ${channel === 'outbound-telephony' ? 'outbound' : 'inbound'}`,
        `serviceLevelThresholdSeconds: ${20 + q}`,
        'agents:',
        ...queueAgents(t, q).map((a) => `  - ${a}`),
        `teams: [Team_${pad(q % TEAMS, 2)}]`,
        'wrapUp:',
        `  timeoutSeconds: ${30 + q}`,
        '  supervisorMayEndEarly: true',
      ];
      return doc('Queue', tenant, `Queue_${pad(q, 2)}`, lines);
    }),
  );
  const eps = [];
  const queueOf = (channel, i) => {
    const offset = CHANNELS.indexOf(channel);
    return `Queue_${pad(offset + CHANNELS.length * (i % (QUEUES / CHANNELS.length)), 2)}`;
  };
  for (let e = 0; e < ENTRY_POINTS; e++) {
    const channel = CHANNELS[e % CHANNELS.length];
    const lines = [`description: Entry point ${e} of ${tenant}`, `channelType: ${channel}`];
    if (channel === 'social') lines.push(`socialChannel: ${SOCIAL[e % SOCIAL.length]}`);
    if (channel === 'outbound-telephony') {
      lines.push(
        `flow: Flow_${pad(e % FLOWS, 2)}`,
        'musicOnHold: hold.wav',
        `outdialQueue: ${queueOf(channel, e)}`,
      );
    } else {
      lines.push(
        `queue: ${queueOf(channel, e)}`,
        `flow: Flow_${pad(e % FLOWS, 2)}`,
        `serviceLevelThresholdSeconds: ${30 + e}`,
      );
    }
    if (channel === 'inbound-telephony') lines.push(`supportNumbers: ['${number(t, e)}']`);
    eps.push(doc('EntryPoint', tenant, `EP_${pad(e, 2)}_${channel.replace(/-/g, '_')}`, lines));
  }
  const outbound = Array.from({ length: ENTRY_POINTS }, (_, e) => e).filter(
    (e) => CHANNELS[e % CHANNELS.length] === 'outbound-telephony',
  );
  for (let c = 0; c < CAMPAIGNS; c++) {
    const e = outbound[c % outbound.length];
    eps.push(
      doc('Campaign', tenant, `Campaign_${c}`, [
        `entryPoint: EP_${pad(e, 2)}_outbound_telephony`,
        'agents:',
        ...queueAgents(t, c + 3)
          .slice(0, 10)
          .map((a) => `  - ${a}`),
      ]),
    );
  }
  files['entry-points.yaml'] = file(eps);
  return files;
}

/** Every file of the configuration for `resources` (a multiple of 1,000), by path within its folder. */
export function configFiles(resources) {
  const tenants = Math.max(1, Math.round(resources / RESOURCES_PER_TENANT));
  const files = new Map([['organizations.yaml', organization()]]);
  for (let t = 0; t < tenants; t++)
    for (const [name, text] of Object.entries(tenantFiles(t)))
      files.set(path.join(tenantName(t), name), text);
  return { tenants, files };
}

async function writeConfig(dir, files) {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  let bytes = 0;
  for (const [name, text] of files) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
    bytes += text.length;
  }
  return bytes;
}

/** Writes the configuration for `resources` (a multiple of 1,000) into `dir`, replacing it. */
export async function generate(dir, resources) {
  const { tenants, files } = configFiles(resources);
  const bytes = await writeConfig(dir, files);
  return { tenants, resources: tenants * RESOURCES_PER_TENANT + 1, bytes };
}

/**
 * The configuration in one of the everyday shapes of bench/shapes.mjs, as it is before the 1%
 * change or, `moved`, after it (the same resources and values in every shape), written into `dir`.
 */
export async function generateShaped(dir, resources, { shape, moved }) {
  const { tenants, files } = configFiles(resources);
  let changed = 0; // what the 1% change changes, whichever side of it is written
  for (const [name, text] of files) {
    const edited = moveOnePercent(name, text);
    if (moved) files.set(name, edited.text);
    changed += edited.changed;
  }
  const bytes = await writeConfig(dir, reshape(files, shape));
  return { tenants, resources: tenants * RESOURCES_PER_TENANT + 1, bytes, changed };
}

/**
 * The 1% change of one file's text: a new display name on every 100th agent of a users file (9 per
 * tenant) and a new description on every 20th team (1 per tenant), 10 per 1,000 resources.
 * (Until Session 15 it changed every 10th agent and every other team: 10%, under the name 1%.)
 */
function moveOnePercent(name, text) {
  let changed = 0;
  const base = path.basename(name);
  let edited = text;
  if (base.startsWith('users-'))
    edited = text.replace(/displayName: Agent (\d+)-(\d+)\n/g, (m, a, b) =>
      Number(b) % 100 === 5 ? (changed++, `displayName: Agent ${a}-${b} (moved)\n`) : m,
    );
  else if (base === 'teams.yaml')
    edited = text.replace(/description: Team (\d+) of/g, (m, i) =>
      Number(i) % 20 === 0 ? (changed++, `description: Renamed team ${i} of`) : m,
    );
  return { text: edited, changed };
}

/** The 1% change (moveOnePercent) made in place to the users and teams files in `dir`. */
export async function changeOnePercent(dir, tenants) {
  let changed = 0;
  const names = Array.from({ length: USERS / USERS_PER_FILE }, (_, f) => `users-${pad(f, 2)}.yaml`);
  for (let t = 0; t < tenants; t++) {
    for (const name of [...names, 'teams.yaml']) {
      const file = path.join(dir, tenantName(t), name);
      const edited = moveOnePercent(name, await readFile(file, 'utf8'));
      await writeFile(file, edited.text);
      changed += edited.changed;
    }
  }
  return changed;
}

/** The single-file change: one user's display name in the first tenant. */
export async function changeOneFile(dir) {
  const file = path.join(dir, tenantName(0), 'users-01.yaml');
  const text = await readFile(file, 'utf8');
  await writeFile(
    file,
    text.replace('displayName: Agent 0-150\n', 'displayName: Agent 0-150 (single)\n'),
  );
  return file;
}

// node bench/generate.mjs [DIR] [SIZE] [--shape generator|lists|flow|quoted] [--moved]
if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const flag = args.indexOf('--shape');
  const shape = flag === -1 ? 'generator' : args[flag + 1];
  const moved = args.includes('--moved');
  const [dir = 'bench/.data/config-1k', size = '1000'] = args.filter(
    (a, i) => !a.startsWith('--') && (flag === -1 || i !== flag + 1),
  );
  const out = await generateShaped(dir, Number(size), { shape, moved });
  console.log(JSON.stringify(out));
}
