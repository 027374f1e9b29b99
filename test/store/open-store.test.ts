import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STORE_URL,
  openStore,
  parseStoreUrl,
  redactUrl,
} from '../../src/store/open-store.js';
import { redactSecrets } from '../../src/store/redact-url.js';

describe('parseStoreUrl', () => {
  it('reads postgres, postgresql and pglite URLs, and defaults to .ccac/state', () => {
    expect(parseStoreUrl('postgres://u@h/db')).toEqual({
      dialect: 'postgres',
      url: 'postgres://u@h/db',
    });
    expect(parseStoreUrl('postgresql://u@h/db').dialect).toBe('postgres');
    expect(parseStoreUrl('pglite:state', '/work')).toEqual({
      dialect: 'pglite',
      dir: path.resolve('/work/state'),
    });
    expect(parseStoreUrl('pglite:/abs/dir')).toEqual({ dialect: 'pglite', dir: '/abs/dir' });
    expect(parseStoreUrl(undefined, '/w')).toEqual({ dialect: 'pglite', dir: '/w/.ccac/state' });
    expect(parseStoreUrl('', '/w')).toEqual(parseStoreUrl(DEFAULT_STORE_URL, '/w'));
  });

  it('refuses other URLs without showing their password', () => {
    expect(() => parseStoreUrl('mysql://root:hunter2@h/db')).toThrow(/unsupported --db URL/);
    expect(() => parseStoreUrl('mysql://root:hunter2@h/db')).not.toThrow(/hunter2/);
    expect(() => parseStoreUrl('pglite:')).toThrow(/needs a directory/);
  });
});

describe('redactUrl', () => {
  it('hides passwords in the user info and in parameters', () => {
    expect(redactUrl('postgres://ann:s3cret@db:5432/ccac')).toBe('postgres://ann:***@db:5432/ccac');
    expect(redactUrl('postgres://db/ccac?user=ann&password=s3cret')).toBe(
      'postgres://db/ccac?user=ann&password=***',
    );
    expect(redactUrl('postgres://ann@db/ccac')).toBe('postgres://ann@db/ccac');
    expect(redactUrl('pglite:.ccac/state')).toBe('pglite:.ccac/state');
    expect(redactUrl('postgres://ann:p%40ss w@rd@db')).not.toContain('ss w');
  });

  it('hides the password wherever it shows up in a message', () => {
    const url = 'postgres://ann:p%40ss@db/ccac';
    expect(redactSecrets(`failed for ${url}: bad p@ss and p%40ss`, url)).toBe(
      'failed for postgres://ann:***@db/ccac: bad *** and ***',
    );
  });
});

describe('openStore on an unreachable server', () => {
  it('fails with STORE_UNREACHABLE and no password', async () => {
    const url = 'postgres://ccac:topsecret@127.0.0.1:1/ccac';
    const error = await openStore(url, { connectTimeoutMs: 2_000 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'StoreError', code: 'STORE_UNREACHABLE' });
    const message = (error as Error).message;
    expect(message).toContain(
      'cannot connect to PostgreSQL at postgres://ccac:***@127.0.0.1:1/ccac',
    );
    expect(message).not.toContain('topsecret');
  });

  it('fails with STORE_UNREACHABLE for an unknown host', async () => {
    const error = await openStore('postgres://ccac:topsecret@no-such-host.invalid/ccac', {
      connectTimeoutMs: 2_000,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'STORE_UNREACHABLE' });
    expect((error as Error).message).not.toContain('topsecret');
  });
});
