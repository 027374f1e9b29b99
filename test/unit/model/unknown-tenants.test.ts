import { describe, expect, it } from 'vitest';
import { unknownTenants } from '../../../src/model/unknown-tenants.js';

describe('unknownTenants', () => {
  it('refuses each name no known tenant has, once, with the closest known name', () => {
    const found = unknownTenants(
      ['vandijk-retial', 'alnoor-bank', 'vandijk-retial', 'nosuch'],
      ['alnoor-bank', 'vandijk-retail'],
      'declared or stored',
    );
    expect(found.map((d) => [d.code, d.severity, d.message])).toEqual([
      [
        'USAGE',
        'error',
        '--tenant vandijk-retial: no tenant of that name is declared or stored (did you mean "vandijk-retail"?)',
      ],
      ['USAGE', 'error', '--tenant nosuch: no tenant of that name is declared or stored'],
    ]);
  });

  it('accepts known names', () => {
    expect(unknownTenants(['acme'], ['acme'], 'stored')).toEqual([]);
  });
});
