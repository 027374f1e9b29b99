import { describe, expect, it } from 'vitest';
import { STORED, check, edited, messages, systemEntryPoint } from './fixtures.js';

const SYSTEM_EP = systemEntryPoint('acme', 'Europe/Amsterdam');
const STORED_WITH_EP = [...STORED, SYSTEM_EP];
const withoutAcme = STORED_WITH_EP.filter(
  (r) => r.address !== 'Tenant/acme' && r.tenant !== 'acme',
);

describe('the tenant itself and its system entry point', () => {
  it('a full-admin may delete the tenant with everything in it', () => {
    const result = check('full@acme.example', withoutAcme, { stored: STORED_WITH_EP });
    expect(result.changes.map((c) => c.action)).not.toContain('create');
    expect(result.diagnostics).toEqual([]);
  });

  it('a cc-service-admin may not delete the tenant nor its system entry point', () => {
    const denied = messages(check('ccsa@acme.example', withoutAcme, { stored: STORED_WITH_EP }));
    expect(denied).toContain(
      'ccsa@acme.example (cc-service-admin, customer org) may not delete Tenant/acme',
    );
    expect(denied).toContain(
      'ccsa@acme.example (cc-service-admin, customer org) may not delete acme/EntryPoint/Outdial Transfer to Queue',
    );
  });

  it("a cc-service-admin may set the system entry point's support numbers (an EntryPoint update)", () => {
    const desired = [
      ...STORED,
      edited(SYSTEM_EP.address, { supportNumbers: ['+31201234567'] }, undefined, STORED_WITH_EP),
    ];
    expect(check('ccsa@acme.example', desired, { stored: STORED_WITH_EP }).diagnostics).toEqual([]);
  });
});
