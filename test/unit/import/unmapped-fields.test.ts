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

test('a holiday list of repeating holidays: each holiday is reported, `holidays` is not called unmanaged', () => {
  const lines = unmappedFields(live);
  expect(lines.filter((l) => l.entity === 'holiday-list').map((l) => l.field)).not.toContain(
    'holidays',
  );
  // ccac carries holidays (whole-day ranges): what it cannot take is said holiday by holiday,
  // on the business hours the list belongs to.
  const { notes } = importLive(live, { tenant: 'acme', tenantTimezone: 'Europe/Amsterdam' });
  expect(notes.filter((n) => n.field === 'holidays')).toEqual([
    expect.objectContaining({
      field: 'holidays',
      why: expect.stringMatching(/^holiday "Holi" repeats/),
    }),
    expect.objectContaining({
      field: 'holidays',
      why: expect.stringMatching(/^holiday "Good Friday" repeats/),
    }),
  ]);
});

test('a field no mapping reads is still listed as not managed', () => {
  const lines = unmappedFields(live);
  expect(lines).toContainEqual(
    expect.objectContaining({ entity: 'holiday-list', field: 'description', name: '1 of 1' }),
  );
});
