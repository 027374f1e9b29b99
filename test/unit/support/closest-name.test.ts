import { describe, expect, it } from 'vitest';
import { closestName, didYouMean } from '../../../src/support/closest-name.js';

describe('closestName', () => {
  it('finds the name one typo away', () => {
    expect(closestName('serviceLevelTreshold', ['serviceLevelThreshold', 'flow', 'queue'])).toBe(
      'serviceLevelThreshold',
    );
    expect(closestName('vandijk-retial', ['alnoor-bank', 'vandijk-retail'])).toBe('vandijk-retail');
  });

  it('ignores case when comparing', () => {
    expect(closestName('entrypoint', ['EntryPoint', 'Queue'])).toBe('EntryPoint');
  });

  it('suggests nothing when no candidate is close', () => {
    expect(closestName('owner', ['full-admin', 'supervisor'])).toBeUndefined();
    expect(closestName('ab', ['xy'])).toBeUndefined();
  });

  it('suggests nothing for an exact match', () => {
    expect(closestName('Support', ['Support', 'Suport'])).toBeUndefined();
  });

  it('breaks ties by sort order', () => {
    expect(closestName('cat', ['cut', 'bat'])).toBe('bat');
    expect(closestName('cat', ['bat', 'cut'])).toBe('bat');
  });
});

describe('didYouMean', () => {
  it('says the closest name, or nothing', () => {
    expect(didYouMean('Suport', ['Support'])).toBe(' (did you mean "Support"?)');
    expect(didYouMean('Sales', ['Support'])).toBe('');
  });
});

describe('closestName with a longer candidate', () => {
  it('matches the start of a candidate for names of six characters or more', () => {
    expect(closestName('serviceLevelTreshold', ['serviceLevelThresholdSeconds'])).toBe(
      'serviceLevelThresholdSeconds',
    );
    expect(closestName('descr', ['description'])).toBeUndefined();
  });
});
