import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { embeddedDir } from '../../src/store/store-location.js';

describe('embeddedDir', () => {
  it("gives a pglite: URL's directory, resolved as the store opens it", () => {
    expect(embeddedDir('pglite:/abs/dir')).toBe('/abs/dir');
    expect(embeddedDir('pglite:rel')).toBe(path.resolve('rel'));
    expect(embeddedDir('')).toBe(path.resolve('.ccac/state'));
  });

  it('gives none for PostgreSQL, nor for a URL the opening will refuse', () => {
    expect(embeddedDir('postgres://u@h/db')).toBeUndefined();
    expect(embeddedDir('pglite:')).toBeUndefined();
    expect(embeddedDir('mysql://root@h/db')).toBeUndefined();
  });
});
