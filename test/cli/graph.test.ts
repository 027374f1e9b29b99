import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { examplesAppliedUrl } from '../helpers/cli-store.js';
import { storeTargets } from '../helpers/databases.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

/** A copy of the good examples under `config/`, to edit freely. */
async function workspace(): Promise<{ dir: string; config: string }> {
  const dir = await tempDir();
  const config = path.join(dir, 'config');
  await cp(EXAMPLES, config, {
    recursive: true,
    filter: (source) => !['broken', 'gitops'].includes(path.basename(source)),
  });
  return { dir, config };
}

describe('ccac graph PATHS', () => {
  it('draws both example tenants as Mermaid, the same every time', async () => {
    const first = await runCli(['graph', EXAMPLES]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const text = first.stdout;
    expect(text.startsWith('flowchart LR\n')).toBe(true);
    expect(text).toContain('  subgraph tenant_x_alnoor_2d_bank ["alnoor-bank"]\n');
    expect(text).toContain('  subgraph tenant_x_vandijk_2d_retail ["vandijk-retail"]\n');
    // number → entry point → flow → business hours, entry point → queue → team
    expect(text).toContain(
      '    num_x_vandijk_2d_retail_x__2b_31201234500 --> ep_x_vandijk_2d_retail_x_Customer_5f_Service_5f_NL\n',
    );
    expect(text).toContain(
      '    ep_x_vandijk_2d_retail_x_Customer_5f_Service_5f_NL --> flow_x_vandijk_2d_retail_x_Customer_5f_Service_5f_Routing\n',
    );
    expect(text).toContain(
      '    flow_x_vandijk_2d_retail_x_Customer_5f_Service_5f_Routing --> bh_x_vandijk_2d_retail_x_Store_5f_Hours\n',
    );
    expect(text).toContain(
      '    ep_x_vandijk_2d_retail_x_Loyalty_5f_Callbacks -->|outdial| q_x_vandijk_2d_retail_x_Loyalty_5f_Outdial\n',
    );
    expect(text).toContain(
      '    camp_x_vandijk_2d_retail_x_Spring_5f_Garden_5f_Offers --> ep_x_vandijk_2d_retail_x_Loyalty_5f_Callbacks\n',
    );
    expect((await runCli(['graph', EXAMPLES])).stdout).toBe(text);
  });

  it('draws DOT, limited to one tenant', async () => {
    const result = await runCli([
      'graph',
      EXAMPLES,
      '--format',
      'dot',
      '--tenant',
      'vandijk-retail',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('  subgraph "cluster_vandijk-retail" {\n');
    expect(result.stdout).toContain(
      '    "vandijk-retail/entryPoint:Webshop_Chat" -> "vandijk-retail/queue:Webshop_Chat" [label="queue"];\n',
    );
    expect(result.stdout).not.toContain('alnoor-bank');
  });

  it('collapses a queue with many agents into one node', async () => {
    const { config } = await workspace();
    const file = path.join(config, 'vandijk-retail', 'queues.yaml');
    const agents = Array.from({ length: 12 }, (_, i) => `agent${i}@vandijk.example`);
    const users = agents
      .map(
        (email) =>
          `---\napiVersion: ccac/v1\nkind: User\nmetadata: {tenant: vandijk-retail, name: ${email}}\n` +
          'spec: {license: standard, contactCenterRole: agent}\n',
      )
      .join('');
    const queues = await readFile(file, 'utf8');
    await writeFile(
      file,
      queues.replace(
        'agents: [sem.dekker@vandijk.example, emma.vos@vandijk.example]',
        `agents: [${agents.join(', ')}]`,
      ) + users,
    );
    const tenant = path.join(config, 'vandijk-retail', 'tenant.yaml');
    await writeFile(
      tenant,
      (await readFile(tenant, 'utf8')).replace('standard: 8', 'standard: 30'),
    );
    const result = await runCli(['graph', config, '--tenant', 'vandijk-retail']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('["12 agents"]:::agents');
    expect(result.stdout).not.toContain('agent0@vandijk');
  });

  it('draws a dangling reference, but refuses files it cannot read as a model', async () => {
    const dangling = await runCli(['graph', path.join(EXAMPLES, 'broken', 'ref-unknown.yaml')]);
    expect(dangling.code, dangling.stderr).toBe(0);
    const broken = await runCli([
      'graph',
      path.join(EXAMPLES, 'broken', 'schema-unknown-field.yaml'),
      path.join(EXAMPLES, 'organizations.yaml'),
    ]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toContain('SCHEMA');
  });

  it('refuses a malformed revision and a mix of sources', async () => {
    for (const args of [['rev:abc'], ['live', EXAMPLES], [EXAMPLES, 'rev:1']]) {
      const result = await runCli(['graph', ...args]);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('USAGE');
    }
  });
});

describe.each(storeTargets())('ccac graph live and plan --format markdown ($dialect)', (target) => {
  it('draws the stored state as the files draw it, and a past revision', async () => {
    const { dir } = await workspace();
    const db = await examplesAppliedUrl(target);
    const live = await runCli(['graph', 'live', '--db', db], { cwd: dir });
    expect(live.code, live.stderr).toBe(0);
    expect(live.stdout).toBe((await runCli(['graph', 'config'], { cwd: dir })).stdout);

    // Revisions 1..3 are _global, alnoor-bank, vandijk-retail; at 2 only alnoor-bank is stored.
    const past = await runCli(['graph', 'rev:2', '--db', db], { cwd: dir });
    expect(past.code, past.stderr).toBe(0);
    expect(past.stdout).toContain('alnoor-bank');
    expect(past.stdout).not.toContain('vandijk');
    const beyond = await runCli(['graph', 'rev:4', '--db', db], { cwd: dir });
    expect(beyond.code).toBe(1);
    expect(beyond.stderr).toContain('revision 4 does not exist');
    const before = await runCli(['graph', 'rev:0', '--db', db], { cwd: dir });
    expect(before.stdout, before.stderr).toBe('flowchart LR\n');
  });

  it('embeds the routing paths one changed entry point touches in the markdown plan', async () => {
    const { dir, config } = await workspace();
    const db = await examplesAppliedUrl(target);
    const file = path.join(config, 'vandijk-retail', 'entry-points.yaml');
    const text = await readFile(file, 'utf8');
    await writeFile(
      file,
      text.replace(
        '  queue: Webshop_Chat\n  flow: Webshop_Routing',
        '  queue: Social_Messaging\n  flow: Webshop_Routing',
      ),
    );
    const plan = await runCli(['plan', 'config', '--format', 'markdown', '--db', db], { cwd: dir });
    expect(plan.code, plan.stderr).toBe(0);
    const graph =
      /<details><summary>Routing paths this plan touches<\/summary>\n\n```mermaid\n([\s\S]*?)\n```\n\n<\/details>/.exec(
        plan.stdout,
      )?.[1];
    expect(graph, plan.stdout).toBeDefined();
    const nodes = [...graph!.matchAll(/^ {4}(\w+)[([{>]/gm)].map((m) => m[1]);
    expect(nodes).toEqual([
      'ep_x_vandijk_2d_retail_x_Webshop_5f_Chat',
      'flow_x_vandijk_2d_retail_x_Webshop_5f_Routing',
      'q_x_vandijk_2d_retail_x_Social_5f_Messaging', // desired
      'q_x_vandijk_2d_retail_x_Webshop_5f_Chat', // stored
    ]);
    expect(graph).not.toContain('alnoor');
    expect(graph).toContain('  style ep_x_vandijk_2d_retail_x_Webshop_5f_Chat stroke');
  });
});
