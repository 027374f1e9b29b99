import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { examplesAppliedUrl } from '../helpers/cli-store.js';
import { storeTargets } from '../helpers/databases.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const TENANT = 'vandijk-retail';
const JOOST = 'joost.bakker@vandijk.example';

describe.each(storeTargets())('ccac import csv on $dialect', (target) => {
  test('export → CSV → import plans to no changes; a licence changed in the CSV is the only change', async () => {
    const db = await examplesAppliedUrl(target);
    const dir = await tempDir();
    const config = path.join(dir, 'config');
    expect((await runCli(['export', '--db', db, '--out', config])).code).toBe(0);
    const csv = await runCli(['export', '--db', db, '--format', 'csv', '--tenant', TENANT]);
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout.split('\n')[0]).toBe(
      'Display Name,User ID/Email (Required),Webex Contact Center Premium,Webex Contact Center',
    );
    expect(csv.stdout).toContain(`Joost Bakker,${JOOST},False,False\n`);
    const file = path.join(dir, 'users.csv');
    await writeFile(file, csv.stdout);

    const imported = await runCli(['import', 'csv', file, '--tenant', TENANT, '--out', config]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(/Wrote 16 user\(s\) of vandijk-retail/);
    const plan = await runCli(['plan', config, '--db', db, '--detailed-exitcode']);
    expect(plan.stdout).toContain('No changes');
    expect(plan.code).toBe(0);

    // Headers in another case and spacing; Joost gets a standard licence; the roles the YAML gives stay.
    await writeFile(
      file,
      `user id / EMAIL (required),  webex contact center PREMIUM ,Webex Contact Center\n${JOOST.toUpperCase()},false,TRUE\n`,
    );
    const again = await runCli(['import', 'csv', file, '--tenant', TENANT, '--out', config]);
    expect(again.code, again.stderr).toBe(0);
    const json = await runCli(['plan', config, '--db', db, '--format', 'json']);
    const changes = (JSON.parse(json.stdout) as { changes: { address: string; fields: unknown }[] })
      .changes;
    expect(changes).toEqual([
      expect.objectContaining({
        address: `${TENANT}/User/${JOOST}`,
        fields: [{ path: 'spec.license', before: 'none', after: 'standard' }],
      }),
    ]);
    const users = await readFile(path.join(config, TENANT, 'users.yaml'), 'utf8');
    const joost = users.split('---\n').find((document) => document.includes(JOOST));
    expect(joost).toContain('adminRoles:\n    - cc-service-admin\n');
    expect(joost).toContain('license: standard\n');
  });
});

test('bad rows: every one placed at its file:line, nothing written, exit 1', async () => {
  const users =
    'apiVersion: ccac/v1\nkind: User\nmetadata:\n  tenant: acme\n  name: a@acme.example\nspec:\n  displayName: A\n';
  const dir = await tempDir({ 'config/acme/users.yaml': users });
  const file = path.join(dir, 'bad.csv');
  await writeFile(
    file,
    [
      'First Name,Last Name,User ID/Email (Required),Webex Contact Center Premium,Webex Contact Center',
      'Ann,"Multi',
      'line",ann@acme.example,True,False',
      'Bob,B,not-an-email,False,False',
      'Cas,C,cas@acme.example,Yes,False',
      'Dee,D,dee@acme.example,True,True',
      'Ann,Again,ANN@acme.example,False,False',
      '',
    ].join('\n'),
  );
  const result = await runCli([
    'import',
    'csv',
    file,
    '--tenant',
    'acme',
    '--out',
    path.join(dir, 'config'),
  ]);
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  const lines = result.stderr.split('\n').filter((l) => l.includes(' error CSV '));
  expect(lines).toEqual([
    `${file}:4:1: error CSV "not-an-email" is not an e-mail address`,
    `${file}:5:1: error CSV "Webex Contact Center Premium" is "Yes": expected True or False`,
    `${file}:6:1: error CSV "Webex Contact Center Premium" and "Webex Contact Center" are both True: a user holds one contact-center licence`,
    `${file}:7:1: error CSV ann@acme.example is on line 2 already`,
  ]);
  expect(result.stderr).toContain('Nothing written.');
  expect(await readFile(path.join(dir, 'config/acme/users.yaml'), 'utf8')).toBe(users);

  await writeFile(file, 'Name,Phone\nx,y\n');
  const noEmail = await runCli(['import', 'csv', file, '--tenant', 'acme']);
  expect(noEmail.code).toBe(1);
  expect(noEmail.stderr).toContain(`${file}:1:1: error CSV no "User ID/Email (Required)" column`);

  await writeFile(file, 'Email,Display Name\n"unclosed,x\n');
  const unreadable = await runCli(['import', 'csv', file, '--tenant', 'acme']);
  expect(unreadable.code).toBe(1);
  expect(unreadable.stderr).toMatch(/:\d+:1: error CSV not a readable CSV: Quote Not Closed/);
});

test('without --out the User documents are printed; a user declared outside users.yaml is refused', async () => {
  const dir = await tempDir({
    'users.csv': 'Email,Display Name,Webex Contact Center\nzed@acme.example,Zed,True\n',
    'config/acme/people.yaml':
      'apiVersion: ccac/v1\nkind: User\nmetadata:\n  tenant: acme\n  name: zed@acme.example\nspec: {}\n',
  });
  const printed = await runCli(['import', 'csv', 'users.csv', '--tenant', 'acme'], { cwd: dir });
  expect(printed.code, printed.stderr).toBe(0);
  expect(printed.stdout).toBe(
    'apiVersion: ccac/v1\nkind: User\nmetadata:\n  tenant: acme\n  name: zed@acme.example\nspec:\n  displayName: Zed\n  license: standard\n',
  );
  const noTenant = await runCli(['export', '--format', 'csv'], { cwd: dir });
  expect(noTenant.code).toBe(1);
  expect(noTenant.stderr).toContain('--format csv writes one tenant’s users');
  const refused = await runCli(
    ['import', 'csv', 'users.csv', '--tenant', 'acme', '--out', 'config'],
    {
      cwd: dir,
    },
  );
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain(
    'config/acme/people.yaml:5:9: error FILE import csv rewrites config/acme/users.yaml',
  );
});
