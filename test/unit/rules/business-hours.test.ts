import { describe, expect, test } from 'vitest';
import { checkYaml } from '../../helpers/check-yaml.js';
import { docs, lineOf, resource, tenant } from './fixtures.js';

const SHIFTS =
  "  timezone: Europe/Amsterdam\n  shifts: [{ name: Weekdays, days: [mon], start: '09:00', end: '17:00' }]\n";
const hours = (name: string, extra: string) => resource('BusinessHours', name, SHIFTS + extra);
const KERST = '  holidays: [{ name: Kerst, from: 2026-12-25, to: 2026-12-26 }]\n';

describe('BH_HOLIDAY_LIST_WRITERS', () => {
  test('two business hours declaring holidays for one list: the second points at its holidays', () => {
    const file = docs(
      tenant(),
      hours('Shop_Hours', `  holidayList: NL_Holidays\n${KERST}`),
      hours('Warehouse_Hours', `  holidayList: NL_Holidays\n${KERST.replace('Kerst', 'Pasen')}`),
    );
    expect(checkYaml({ 'x.yaml': file })).toEqual([
      expect.objectContaining({
        code: 'BH_HOLIDAY_LIST_WRITERS',
        line: lineOf(file, 'name: Pasen'),
        message: expect.stringContaining('which business hours Shop_Hours declares already'),
      }),
    ]);
  });

  test('a list declared by one and named alone by the others is fine', () => {
    const file = docs(
      tenant(),
      hours('Shop_Hours', `  holidayList: NL_Holidays\n${KERST}`),
      hours('Warehouse_Hours', '  holidayList: NL_Holidays\n'),
    );
    expect(checkYaml({ 'x.yaml': file })).toEqual([]);
  });

  test("a business hours' own list (named after it) clashes with another naming it", () => {
    const file = docs(
      tenant(),
      hours('Shop_Hours', KERST),
      hours('Warehouse_Hours', `  holidayList: Shop_Hours\n${KERST}`),
    );
    expect(checkYaml({ 'x.yaml': file }).map((d) => d.code)).toEqual(['BH_HOLIDAY_LIST_WRITERS']);
  });
});
