import { describe, expect, test } from 'vitest';
import { cliWorkspace } from '../helpers/cli-store.js';
import { storeTargets } from '../helpers/databases.js';

const SCENARIO_TIMEOUT = 300_000;
const EARLY = '{"days":["mon"],"end":"09:00","name":"Early birds","start":"07:00"}';

describe.each(storeTargets())('lists diff by identity on $dialect', (target) => {
  test(
    'a shift added at the front is one added item; an agent swapped is - and + in text, JSON and Markdown',
    async () => {
      const ws = await cliWorkspace(target, { applied: true });
      await ws.edit(
        'vandijk-retail/business-hours.yaml',
        '  timezone: Europe/Amsterdam\n  shifts:\n    - name: Weekdays\n',
        "  timezone: Europe/Amsterdam\n  shifts:\n    - name: Early birds\n      days: [mon]\n      start: '07:00'\n      end: '09:00'\n    - name: Weekdays\n",
      );
      await ws.edit(
        'vandijk-retail/queues.yaml',
        '    - lotte.bos@vandijk.example\n',
        '    - sem.dekker@vandijk.example\n',
      );

      const text = await ws.run(['plan', 'config']);
      expect(text.stderr).toBe('');
      expect(text.stdout).toContain(
        `  ~ vandijk-retail/BusinessHours/Store_Hours will be updated\n      + spec.shifts[name="Early birds"]: ${EARLY}\n`,
      );
      expect(text.stdout).not.toContain('shifts[0]');
      expect(text.stdout).toMatch(
        /~ spec\.agents:\n {10}- "lotte\.bos@vandijk\.example"\n {10}\+ "sem\.dekker@vandijk\.example"\n/,
      );

      const { plan } = await ws.planJson();
      const fields = (address: string) =>
        plan.changes.find((c) => c.address === address)?.fields ?? [];
      expect(fields('vandijk-retail/BusinessHours/Store_Hours')).toEqual([
        {
          path: 'spec.shifts[name="Early birds"]',
          after: { days: ['mon'], end: '09:00', name: 'Early birds', start: '07:00' },
        },
      ]);
      const [agents] = fields('vandijk-retail/Queue/Customer_Service_Voice');
      expect(agents).toMatchObject({
        path: 'spec.agents',
        added: ['sem.dekker@vandijk.example'],
        removed: ['lotte.bos@vandijk.example'],
      });

      const markdown = await ws.run(['plan', 'config', '--format', 'markdown']);
      expect(markdown.stdout).toContain(`+ spec.shifts[name="Early birds"]: ${EARLY}\n`);
      expect(markdown.stdout).toContain(
        '- spec.agents: "lotte.bos@vandijk.example"\n+ spec.agents: "sem.dekker@vandijk.example"\n',
      );
    },
    SCENARIO_TIMEOUT,
  );
});
