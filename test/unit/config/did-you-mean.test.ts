import { describe, expect, it } from 'vitest';
import { validateResource } from '../../../src/config/validate-schema.js';

const place = { file: 'q.yaml', line: 1, column: 1 };

function messages(document: unknown): string[] {
  return validateResource(document, () => place).map((d) => d.message);
}

const queue = (spec: Record<string, unknown>, kind = 'Queue') => ({
  apiVersion: 'ccac/v1',
  kind,
  metadata: { tenant: 'acme', name: 'Sales' },
  spec: { channelType: 'chat', direction: 'inbound', ...spec },
});

describe('schema diagnostics say what was meant', () => {
  it('names the known field closest to an unknown one', () => {
    expect(messages(queue({ serviceLevelTreshold: 20 }))).toEqual([
      'spec.serviceLevelTreshold: unknown field "serviceLevelTreshold" (did you mean "serviceLevelThresholdSeconds"?)',
    ]);
  });

  it('names the enumerated value closest to a wrong one', () => {
    expect(messages(queue({ direction: 'inbund' }))).toEqual([
      'spec.direction: must be one of "inbound", "outbound" (got "inbund") (did you mean "inbound"?)',
    ]);
  });

  it('names the kind closest to a wrong one', () => {
    expect(messages(queue({}, 'Queu'))[0]).toMatch(/\(got "Queu"\) \(did you mean "Queue"\?\)$/);
  });

  it('suggests nothing when nothing is close', () => {
    expect(messages(queue({ colour: 'red' }))).toEqual(['spec.colour: unknown field "colour"']);
  });
});
