import { describe, expect, test } from 'vitest';
import { PIETER } from '../helpers/cli-store.js';
import { storeTargets } from '../helpers/databases.js';
import { ORG, TENANT, webexWorkspace } from '../helpers/webex-workspace.js';

/**
 * Holiday lists pushed from YAML through the built CLI to the simulator: one list shared by two
 * business hours (one declares its holidays, repeating ones among them; the other names it) is
 * made once and linked from both; the next push makes no call; two business hours declaring
 * the holidays of one list are refused rather than take turns rewriting it.
 */
const SCENARIO_TIMEOUT = 300_000;

const SHARED = `apiVersion: ccac/v1
kind: BusinessHours
metadata:
  tenant: ${TENANT}
  name: Shop_Hours
spec:
  timezone: Europe/Amsterdam
  shifts:
    - { name: Weekdays, days: [mon, tue, wed, thu, fri], start: '09:00', end: '18:00' }
  holidayList: NL_Holidays
  holidays:
    - { name: Kerst, from: 2026-12-25, to: 2026-12-26 }
    - name: Kings Day
      from: 2026-04-27
      to: 2026-04-27
      repeat: { every: year, month: apr, day: 27 }
    - name: Stocktake
      from: 2026-01-05
      to: 2026-01-05
      start: '13:00'
      end: '17:00'
      repeat: { every: month, interval: 3, week: first, weekdays: [mon], until: 2027-12-31 }
---
apiVersion: ccac/v1
kind: BusinessHours
metadata:
  tenant: ${TENANT}
  name: Warehouse_Hours
spec:
  timezone: Europe/Amsterdam
  shifts:
    - { name: Weekdays, days: [mon, tue, wed, thu, fri], start: '07:00', end: '16:00' }
  holidayList: NL_Holidays
`;

describe.each(storeTargets())('holiday lists on $dialect', (target) => {
  test(
    'a list shared by two business hours is created once and linked from both; then no calls; two writers refused by the rule',
    async () => {
      const ws = await webexWorkspace(target);
      await ws.append('vandijk-retail/business-hours.yaml', SHARED);
      const applied = await ws.apply(PIETER);
      expect(applied.code, applied.stderr).toBe(0);

      const first = await ws.push();
      expect(first.code, first.stdout + first.stderr).toBe(0);
      const org = ws.sim.org(ORG);
      const lists = [...org.entities('holidayLists').values()].filter(
        (l) => l.name === 'NL_Holidays',
      );
      expect(lists).toHaveLength(1);
      const [list] = lists;
      for (const name of ['Shop_Hours', 'Warehouse_Hours'])
        expect(org.byName('businessHours', name)?.holidaysId, name).toBe(list!.id);
      expect(list!.holidays).toContainEqual({
        name: 'Stocktake',
        startDate: '2026-01-05',
        endDate: '2026-01-05',
        startTime: '13:00',
        endTime: '17:00',
        frequency: 'Monthly',
        recurrence: {
          interval: 3,
          occurrenceInTheMonth: 'FIRST',
          daysOfWeek: ['MON'],
          endDate: '2027-12-31',
        },
      });

      ws.sim.resetCalls();
      const dry = await ws.push(['--dry-run', '--detailed-exitcode']);
      expect(dry.code, dry.stdout + dry.stderr).toBe(0);
      expect(ws.sim.writes()).toEqual([]);

      // Warehouse_Hours declares holidays for the same list too: refused by the rule, with its
      // place, nothing stored; the next push has nothing to do.
      await ws.edit(
        'vandijk-retail/business-hours.yaml',
        "start: '07:00', end: '16:00' }\n  holidayList: NL_Holidays\n",
        "start: '07:00', end: '16:00' }\n  holidayList: NL_Holidays\n  holidays:\n    - { name: Inventory, from: 2026-07-01, to: 2026-07-01 }\n",
      );
      const refused = await ws.apply(PIETER);
      expect(refused.code).toBe(1);
      expect(refused.stdout + refused.stderr).toMatch(
        /business-hours\.yaml:\d+:\d+.*BH_HOLIDAY_LIST_WRITERS[^\n]*Shop_Hours declares already/,
      );
      ws.sim.resetCalls();
      expect((await ws.push()).code).toBe(0);
      expect(ws.sim.writes()).toEqual([]);
      expect(ws.sim.invalid()).toEqual([]);
    },
    SCENARIO_TIMEOUT,
  );
});
