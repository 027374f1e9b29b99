import { escapeMarkdown } from '../../src/cli/render/escape-markdown.js';
import { describe, expect, test } from 'vitest';
import { cliWorkspace, withCode, type CliWorkspace, type JsonPlan } from '../helpers/cli-store.js';
import { storeTargets } from '../helpers/databases.js';

/**
 * Issue #17, item 4, through the built CLI: a plan shows an actor what their stored roles may
 * see (src/authz/visibility.ts) and nothing beyond it, in every format, for plan and apply.
 */

const SCENARIO_TIMEOUT = 600_000;

const SANNE = 'sanne.visser@vandijk.example'; // read-only-admin, customer org: not even plan
const DAAN = 'daan.mulder@vandijk.example'; // an agent: no admin role
const FEMKE = 'femke.smit@vandijk.example'; // supervisor, customer org: business hours
const NOC = 'noc@northwind-partners.example'; // read-only-admin, partner org: may plan
const YOUSEF = 'yousef.alenezi@alnoor-bank.example'; // no user of vandijk-retail

const QUEUE = 'vandijk-retail/Queue/Customer_Service_Voice';
const HOURS = 'vandijk-retail/BusinessHours/Store_Hours';

/** Words only the stored state or the pending queue change could have told. */
const STORED_WORDS = ['Customer_Service_Voice', 'timeoutSeconds', 'revision 1', 'Plan:'];

function planAs(ws: CliWorkspace, actor: string, format: string, extra: string[] = []) {
  return ws.run(['plan', 'config', '--actor', actor, '--format', format, ...extra]);
}

function expectNothingStored(output: string) {
  for (const word of STORED_WORDS) expect(output).not.toContain(word);
}

describe.each(storeTargets())('what a plan shows its actor on $dialect', (target) => {
  test(
    'only the denial to who may not plan; business hours to a supervisor; the plan to who may plan',
    async () => {
      const ws = await cliWorkspace(target, { applied: true });
      await ws.edit('vandijk-retail/queues.yaml', 'timeoutSeconds: 60\n', 'timeoutSeconds: 75\n');
      await ws.edit('vandijk-retail/business-hours.yaml', "start: '10:00'", "start: '09:30'");

      // A customer-org read-only admin, and an agent: the denial, in every format, and no more.
      for (const actor of [SANNE, DAAN]) {
        const text = await planAs(ws, actor, 'text');
        expect(text.code).toBe(1);
        expect(text.stdout.startsWith(`Tenant/vandijk-retail: error AUTHZ_DENIED ${actor} (`)).toBe(
          true,
        );
        expect(text.stdout).toContain('may not plan vandijk-retail');
        expectNothingStored(text.stdout + text.stderr);
        const json = await planAs(ws, actor, 'json');
        expect(json.code).toBe(1);
        const plan = JSON.parse(json.stdout) as JsonPlan & { destroy: string[] };
        expect(plan).toMatchObject({
          tenants: {},
          destroy: [],
          changes: [],
          summary: { create: 0, update: 0, delete: 0 },
        });
        expect(plan.diagnostics.map((d) => [d.code, d.address])).toEqual([
          ['AUTHZ_DENIED', 'Tenant/vandijk-retail'],
        ]);
        const markdown = await planAs(ws, actor, 'markdown');
        expect(markdown.code).toBe(1);
        expect(markdown.stdout).not.toContain('| Tenant | Kind |');
        expectNothingStored(markdown.stdout);
      }
      const before = await ws.dump();
      const apply = await ws.apply(SANNE);
      expect(apply.code).toBe(1);
      expectNothingStored(apply.stdout + apply.stderr);
      expect(await ws.dump()).toBe(before);
      // A saved plan applied by her shows her no more than a plan would.
      expect((await ws.run(['plan', 'config', '--out', 'saved.json'])).code).toBe(0);
      const savedApply = await ws.run(['apply', 'saved.json', '--actor', SANNE]);
      expect(savedApply.code).toBe(1);
      expectNothingStored(savedApply.stdout + savedApply.stderr);
      expect(await ws.dump()).toBe(before);

      // A supervisor sees the business hours, and that the plan holds more than they may see.
      const femke = await planAs(ws, FEMKE, 'json');
      expect(femke.code).toBe(1);
      const seen = JSON.parse(femke.stdout) as JsonPlan;
      expect(seen.changes.map((c) => c.address)).toEqual([HOURS]);
      expect(Object.keys(seen.tenants)).toEqual(['vandijk-retail']);
      expect(seen.diagnostics.map((d) => [d.code, d.address])).toEqual([
        ['AUTHZ_DENIED', 'Tenant/vandijk-retail'],
      ]);
      expect(seen.diagnostics[0]?.message).toContain('may see only BusinessHours');
      expect(femke.stdout).not.toContain('Customer_Service_Voice');
      expect(femke.stdout).not.toContain('timeoutSeconds');
      const femkeText = await planAs(ws, FEMKE, 'text');
      expect(femkeText.stdout).toContain(`~ ${HOURS} will be updated`);
      expect(femkeText.stdout).not.toContain(QUEUE);
      const femkeMarkdown = await planAs(ws, FEMKE, 'markdown');
      // Markdown shows names in <code> with Markdown's characters as references (escape-markdown.ts).
      expect(femkeMarkdown.stdout).toContain(escapeMarkdown(HOURS));
      expect(femkeMarkdown.stdout).not.toContain(escapeMarkdown(QUEUE));
      expect(femkeMarkdown.stdout).not.toContain('mermaid');

      // Someone who is no user of vandijk-retail is told so, and shown nothing of it.
      const yousef = await planAs(ws, YOUSEF, 'json');
      expect(yousef.code).toBe(1);
      const his = JSON.parse(yousef.stdout) as JsonPlan;
      expect(his.changes).toEqual([]);
      expect(Object.keys(his.tenants)).toEqual(['organizations', 'alnoor-bank']);
      expect(withCode(his.diagnostics, 'AUTHZ_UNKNOWN_ACTOR').map((d) => d.address)).toEqual([
        'Tenant/vandijk-retail',
      ]);
      expect(yousef.stdout).not.toContain('Customer_Service_Voice');

      // A partner read-only admin may plan: the whole plan, which they may not apply.
      const noc = await planAs(ws, NOC, 'json', ['--tenant', 'vandijk-retail']);
      const read = JSON.parse(noc.stdout) as JsonPlan;
      expect(read.changes.map((c) => c.address)).toEqual([HOURS, QUEUE]);
      expect(read.diagnostics.map((d) => [d.code, d.address])).toEqual([
        ['AUTHZ_DENIED', HOURS],
        ['AUTHZ_DENIED', QUEUE],
      ]);

      // With the queue change gone, the supervisor's plan is whole and theirs to apply.
      await ws.edit('vandijk-retail/queues.yaml', 'timeoutSeconds: 75\n', 'timeoutSeconds: 60\n');
      const own = await planAs(ws, FEMKE, 'json');
      expect(own.code).toBe(0);
      expect((JSON.parse(own.stdout) as JsonPlan).diagnostics).toEqual([]);
      expect((await ws.apply(FEMKE)).code).toBe(0);
    },
    SCENARIO_TIMEOUT,
  );
});
