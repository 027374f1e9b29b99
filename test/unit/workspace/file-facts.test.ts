import { expect, test } from 'vitest';
import { checkConfig } from '../../../src/config/check-config.js';
import { loadConfigWithEntries } from '../../../src/workspace/load-with-entries.js';
import { recordCheck } from '../../../src/workspace/recheck-scopes.js';

const team = (tenant: string, name: string) =>
  `apiVersion: ccac/v1\nkind: Team\nmetadata: {tenant: ${tenant}, name: ${name}}\nspec: {}\n`;
const tenant = (name: string) =>
  `apiVersion: ccac/v1\nkind: Tenant\nmetadata: {name: ${name}}\nspec:\n  {subscription: trial, countryOfOperation: KW, timezone: Asia/Kuwait, platform: webex-cc-1.0, telephony: external-via-webex-calling}\n`;
const entryPoint = (tenant: string) =>
  `apiVersion: ccac/v1\nkind: EntryPoint\nmetadata: {tenant: ${tenant}, name: ep}\nspec: {channelType: chat}\n`;

/**
 * What a check records of each file (recheck-scopes.ts): the scopes it declares in, however its
 * declarations alternate between them and whatever the file before declared last, and whether it
 * declares entry points; a file declaring nothing is recorded with no scope.
 */
test('a check records the scopes and entry points of each file', () => {
  const files = [
    { path: 'a.yaml', text: [tenant('t-1'), tenant('t-2'), team('t-1', 'x')] },
    { path: 'b.yaml', text: [team('t-1', 'z'), team('t-1', 'u'), entryPoint('t-2')] },
    { path: 'c.yaml', text: [team('t-2', 'y'), team('t-1', 'v'), team('t-2', 'w')] },
    { path: 'empty.yaml', text: [] },
  ].map(({ path, text }) => ({ path, text: text.join('---\n'), digest: `digest of ${path}` }));
  const loaded = loadConfigWithEntries(files, []);
  expect(loaded.diagnostics).toEqual([]);
  const checked = checkConfig(loaded.resources, [], new Map(), []);
  const digests = new Map(files.map((file) => [file.path, file.digest]));
  expect(recordCheck(checked, digests, []).files).toEqual({
    'a.yaml': { digest: 'digest of a.yaml', scopes: ['t-1', 't-2'], entryPoints: false },
    'b.yaml': { digest: 'digest of b.yaml', scopes: ['t-1', 't-2'], entryPoints: true },
    'c.yaml': { digest: 'digest of c.yaml', scopes: ['t-1', 't-2'], entryPoints: false },
    'empty.yaml': { digest: 'digest of empty.yaml', scopes: [], entryPoints: false },
  });
});
