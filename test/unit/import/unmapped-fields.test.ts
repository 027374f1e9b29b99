import { expect, test } from 'vitest';
import { unmappedFields } from '../../../src/import/unmapped-fields.js';
import type { LiveState } from '../../../src/webex/entities.js';
import { importLive } from '../../../src/webex/reconcile/import-live.js';
import { baseLive } from '../webex/fixtures/live.js';
import { SPEC_FIXTURES as SPEC } from '../webex/fixtures/spec-examples.js';

/** Business hours linked to the spec's holiday list: two yearly holidays, nothing else. */
const live = {
  ...baseLive(),
  'holiday-list': [SPEC.holidayList()],
  'business-hours': [{ ...SPEC.businessHours(), overridesId: undefined }],
} as unknown as LiveState;

test('a holiday list ccac cannot hold: each holiday is reported, `holidays` is not called unmanaged', () => {
  const lines = unmappedFields(live);
  expect(lines.filter((l) => l.entity === 'holiday-list').map((l) => l.field)).not.toContain(
    'holidays',
  );
  // ccac holds repeating holidays (repeat) and times of day: what it cannot take is said holiday
  // by holiday, on the list, which is then linked by holidayList and left as Webex has it.
  const [list] = live['holiday-list'];
  const odd = {
    ...live,
    'holiday-list': [
      {
        ...list!,
        holidays: list!.holidays.map((h) => ({ ...h, startTime: 'noon' })),
      },
    ],
  };
  const { notes } = importLive(odd, { tenant: 'acme', tenantTimezone: 'Europe/Amsterdam' });
  expect(notes.filter((n) => n.field === 'holidays')).toEqual([
    expect.objectContaining({
      entity: 'holiday-list',
      why: expect.stringMatching(/^holiday "Holi" has times of day ccac cannot hold/),
    }),
    expect.objectContaining({
      entity: 'holiday-list',
      why: expect.stringMatching(/^holiday "Good Friday" has times of day ccac cannot hold/),
    }),
  ]);
  expect(
    importLive(live, { tenant: 'acme', tenantTimezone: 'Europe/Amsterdam' }).notes,
  ).not.toContainEqual(expect.objectContaining({ field: 'holidays' }));
});

test('a field no mapping reads is still listed as not managed', () => {
  const lines = unmappedFields(live);
  expect(lines).toContainEqual(
    expect.objectContaining({ entity: 'holiday-list', field: 'description', name: '1 of 1' }),
  );
});
