import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/load-config.js';
import { usersFromCsv } from '../csv/users-from-csv.js';
import { parseUserCsv } from '../csv/parse-user-csv.js';
import { error, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { KIND_FILES, toDocument } from '../export/export-files.js';
import { tenantFolder } from '../export/path-segment.js';
import { yamlText } from '../export/yaml-text.js';
import { readRegularFile } from '../support/read-regular-file.js';
import { writeFileAtomic } from '../workspace/write-atomic.js';
import type { SpecOf } from '../model/kinds.js';
import type { DeclaredResource } from '../model/resource.js';
import { readExistingConfig } from './existing-config.js';

export interface ImportCsvRequest {
  file: string;
  tenant: string;
  /** The configuration folder: its `<tenant>/users.yaml` is rewritten. Absent: YAML to print. */
  out?: string;
}

export type ImportCsvOutcome =
  | { diagnostics: Diagnostic[] }
  | { written: string; users: number; fromCsv: number }
  | { text: string; users: number };

type ExistingUser = Pick<DeclaredResource<'User'>, 'spec' | 'labels'>;

/**
 * `ccac import csv`: Control Hub's bulk user CSV → the tenant's User documents, keeping what the
 * configuration in `out` says of each user beyond the CSV's columns. Every problem is found
 * before anything is written; then `<out>/<tenant>/users.yaml` is replaced in one rename.
 */
export async function importCsv(request: ImportCsvRequest): Promise<ImportCsvOutcome> {
  const folder = tenantFolder(request.tenant);
  if (folder === undefined)
    return usage(`"${request.tenant}" is not a tenant name (lower-case letters, digits, - and _)`);
  const read = readRegularFile(request.file);
  if ('refused' in read) return usage(`${request.file}: ${read.refused}`, 'FILE');
  const parsed = parseUserCsv(read.bytes.toString('utf8'), request.file);
  if (hasErrors(parsed.diagnostics)) return { diagnostics: parsed.diagnostics };
  const target =
    request.out === undefined ? undefined : path.join(request.out, folder, KIND_FILES.User);
  const existing = await existingUsers(request.out, target, request.tenant);
  if ('diagnostics' in existing) return existing;
  const specs = new Map([...existing.users].map(([email, user]) => [email, user.spec]));
  const users = usersFromCsv(parsed.users, specs);
  const text = users
    .map(([email, spec]) => userYaml(request.tenant, email, spec, existing.users.get(email)))
    .join('---\n');
  const check = loadConfig([{ path: target ?? 'users.yaml', text }]);
  // A row that passed the CSV's checks but not the schema: nothing is written either.
  if (hasErrors(check.diagnostics)) return { diagnostics: check.diagnostics };
  if (target === undefined) return { text, users: users.length };
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileAtomic(target, text);
  return { written: target, users: users.length, fromCsv: parsed.users.length };
}

function userYaml(
  tenant: string,
  email: string,
  spec: SpecOf<'User'>,
  existing: ExistingUser | undefined,
): string {
  const labels = existing?.labels;
  const document = toDocument(
    { kind: 'User', name: email, tenant, spec, ...(labels ? { labels } : {}) },
    () => '',
  );
  return yamlText(document);
}

/**
 * The tenant's users the folder declares, all of them in `target`, which holds nothing else:
 * import csv rewrites that one file, so a user declared elsewhere would end up declared twice.
 */
async function existingUsers(
  out: string | undefined,
  target: string | undefined,
  tenant: string,
): Promise<{ users: Map<string, ExistingUser> } | { diagnostics: Diagnostic[] }> {
  const users = new Map<string, ExistingUser>();
  if (out === undefined || target === undefined) return { users };
  const config = await readExistingConfig(out);
  if (hasErrors(config.diagnostics)) return { diagnostics: config.diagnostics };
  const diagnostics: Diagnostic[] = [];
  const targetPath = path.resolve(target);
  for (const resource of config.declared) {
    const inTarget = path.resolve(resource.origin.file) === targetPath;
    const isTenantUser = resource.kind === 'User' && resource.tenant === tenant;
    if (isTenantUser && inTarget) users.set(resource.name, resource as DeclaredResource<'User'>);
    else if (isTenantUser || inTarget)
      diagnostics.push(
        error(
          'FILE',
          isTenantUser
            ? `import csv rewrites ${target} with every user of ${tenant}: this one is declared in another file; move it into ${target} first`
            : `import csv rewrites ${target}, which holds ${resource.address} too; move that elsewhere first`,
          { address: resource.address, place: resource.origin.locate(['metadata', 'name']) },
        ),
      );
  }
  return diagnostics.length > 0 ? { diagnostics } : { users };
}

function usage(message: string, code: 'USAGE' | 'FILE' = 'USAGE'): ImportCsvOutcome {
  return { diagnostics: [error(code, message)] };
}
