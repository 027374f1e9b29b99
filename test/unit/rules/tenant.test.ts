import { describe, expect, test } from 'vitest';
import { checkYaml, withCode } from '../../helpers/check-yaml.js';
import { tenant } from './fixtures.js';
import { noVpopRegionOf } from '../../../src/rules/data/telephony-regions.js';

const vpopIn = (country: string) =>
  tenant().replace('NL', country).replace('telephony: webex-calling', 'telephony: vpop');

describe('TENANT_TELEPHONY_REGION', () => {
  test.each(['TR', 'JO', 'BH', 'KW', 'OM', 'ZA', 'NA'])('vpop in %s is an error', (country) => {
    const file = vpopIn(country);
    const found = checkYaml({ 't.yaml': file });
    expect(found).toEqual([
      expect.objectContaining({
        code: 'TENANT_TELEPHONY_REGION',
        severity: 'error',
        line: 10, // telephony:
        message: expect.stringContaining(`operates in ${country}`),
      }),
    ]);
  });

  test('the Gulf region and southern Africa allow the Webex Calling options', () => {
    for (const telephony of ['webex-calling', 'external-via-webex-calling']) {
      const file = tenant().replace('NL', 'ZA').replace('webex-calling', telephony);
      expect(checkYaml({ 't.yaml': file })).toEqual([]);
    }
  });

  test('the region table names the seed countries', () => {
    expect(noVpopRegionOf('kw')?.name).toBe('Gulf region');
    expect(noVpopRegionOf('ZA')?.name).toBe('southern Africa');
    expect(noVpopRegionOf('AE')).toBeUndefined();
  });
});

describe('TENANT_VPOP_DEPRECATED', () => {
  test('vpop elsewhere is a warning at the telephony field', () => {
    const found = checkYaml({ 't.yaml': vpopIn('DE') });
    expect(found).toEqual([
      expect.objectContaining({
        code: 'TENANT_VPOP_DEPRECATED',
        severity: 'warning',
        line: 10, // telephony:
        message: expect.stringContaining('legacy'),
      }),
    ]);
  });

  test('webex-calling elsewhere passes', () => {
    expect(withCode(checkYaml({ 't.yaml': tenant() }), 'TENANT_VPOP_DEPRECATED')).toEqual([]);
  });
});
