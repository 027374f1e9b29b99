// Extracts the part of Cisco's published Webex OpenAPI specifications that ccac uses into
// src/webex/openapi/*.subset.json: the operations listed in src/webex/openapi/operations.json, the
// components they reference (transitively), and the patches of src/webex/openapi/patches.json.
// A fresh clone has no copy of the full specifications, so the subset is vendored and this script
// is run by hand when the list, the patches or Cisco's specifications change:
//   node scripts/extract-webex-subset.mjs [DIR]   (DIR holds webex-contact-center.json and
//   webex-admin.json; default ../shared/reference/webex-openapi from the project root)
// then `npm run gen` for the types. The output is deterministic: the same inputs give the same bytes.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const subsetDir = path.join(root, 'src/webex/openapi');

const COMPONENT_REF = /^#\/components\/([^/]+)\/([^/]+)$/;

/** RFC 6901: "/a/b~1c" → ["a", "b/c"]. */
function pointerTokens(pointer) {
  if (!pointer.startsWith('/')) throw new Error(`not a JSON pointer: ${pointer}`);
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function nodeAt(document, tokens) {
  let node = document;
  for (const token of tokens) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, token)) return undefined;
    node = node[token];
  }
  return node;
}

/** The value at a JSON pointer, or undefined when any step is missing. */
export const valueAt = (document, pointer) => nodeAt(document, pointerTokens(pointer));

/**
 * Applies patches in the style of RFC 6902 (`add`, `replace`, `remove`; arrays are not addressed,
 * the specifications' quirks are all in objects). A patch that does not apply is an error, so a
 * change in Cisco's specification cannot leave a patch silently doing nothing.
 */
function applyPatches(document, patches) {
  for (const patch of patches) {
    const where = `patch ${patch.op} ${patch.path}`;
    if (typeof patch.reason !== 'string' || patch.reason.length === 0)
      throw new Error(`${where}: no reason`);
    const tokens = pointerTokens(patch.path);
    const key = tokens.pop();
    const parent = nodeAt(document, tokens);
    if (parent === null || typeof parent !== 'object' || Array.isArray(parent))
      throw new Error(`${where}: no object at its parent`);
    const present = Object.hasOwn(parent, key);
    if (patch.op === 'add' && !present) parent[key] = structuredClone(patch.value);
    else if (patch.op === 'replace' && present) parent[key] = structuredClone(patch.value);
    else if (patch.op === 'remove' && present) delete parent[key];
    else throw new Error(`${where}: does not apply (${present ? 'already present' : 'absent'})`);
  }
  return document;
}

/** Every `$ref` string under a node, in document order. */
function refsUnder(node, found = []) {
  if (Array.isArray(node)) for (const item of node) refsUnder(item, found);
  else if (node !== null && typeof node === 'object')
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.push(value);
      else refsUnder(value, found);
    }
  return found;
}

/**
 * OpenAPI 3.0 ignores the keywords beside a `$ref` and its schema rejects them; Cisco's files have
 * many (`description`, `type`, `additionalProperties` next to a `$ref`). Dropping them changes no
 * meaning and makes the subset valid OpenAPI.
 */
function dropRefSiblings(node) {
  if (Array.isArray(node)) return node.map(dropRefSiblings);
  if (node === null || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string') return { $ref: node.$ref };
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, dropRefSiblings(v)]));
}

const sortedObject = (entries) =>
  Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** The components the operations reference, directly or through other components. */
function componentClosure(spec, operations) {
  const kept = new Map(); // "kind/name" → [kind, name]
  const pending = refsUnder(operations);
  while (pending.length > 0) {
    const ref = pending.pop();
    const match = COMPONENT_REF.exec(ref);
    if (!match) throw new Error(`unsupported $ref ${ref}: only local #/components/… references`);
    const [, kind, name] = match;
    if (kept.has(`${kind}/${name}`)) continue;
    const component = spec.components?.[kind]?.[name];
    if (component === undefined) throw new Error(`$ref ${ref} does not resolve in the source`);
    kept.set(`${kind}/${name}`, [kind, name]);
    pending.push(...refsUnder(component));
  }
  const components = {};
  for (const [kind, name] of kept.values())
    (components[kind] ??= {})[name] = spec.components[kind][name];
  return sortedObject(
    Object.entries(components).map(([kind, byName]) => [
      kind,
      sortedObject(Object.entries(byName)),
    ]),
  );
}

/**
 * The subset of one specification: `list` is its entry in operations.json (servers, operations),
 * `patches` the patches for it. Cisco's operationIds repeat across paths (createConfig_14 is both
 * an entry point and a dial number), so each operation takes ccac's name from the list and keeps
 * Cisco's as `x-cisco-operation-id`.
 */
export function extractSubset(spec, list, patches, source) {
  const patched = dropRefSiblings(applyPatches(structuredClone(spec), patches));
  const paths = {};
  for (const { method, path: route, operationId } of list.operations) {
    const operation = patched.paths?.[route]?.[method];
    if (operation === undefined)
      throw new Error(`${method.toUpperCase()} ${route} is not in ${source.file}`);
    const { operationId: ciscoId, ...rest } = operation;
    (paths[route] ??= {})[method] = {
      operationId,
      ...(ciscoId === undefined ? {} : { 'x-cisco-operation-id': ciscoId }),
      ...rest,
    };
  }
  const sortedPaths = sortedObject(
    Object.entries(paths).map(([route, methods]) => [route, sortedObject(Object.entries(methods))]),
  );
  const subset = {
    openapi: patched.openapi,
    info: {
      title: `${patched.info.title} (the subset ccac uses)`,
      version: patched.info.version,
      description:
        `A subset of Cisco's published OpenAPI specification public-spec/${source.file} ` +
        '(https://github.com/webex/webex-openapi-specs), licensed CC BY 4.0. Modified by ccac: ' +
        'only the operations ccac uses and the components they reference, operationIds renamed, ' +
        'keywords beside $ref dropped, and the patches listed in patches.json applied. ' +
        'See README.md beside this file.',
      license: { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' },
      'x-source': { file: source.file, sha256: source.sha256 },
    },
    servers: list.servers,
    paths: sortedPaths,
    components: componentClosure(patched, Object.values(sortedPaths)),
  };
  for (const patch of patches)
    if (patch.op !== 'remove' && valueAt(subset, patch.path) === undefined)
      throw new Error(`patch ${patch.op} ${patch.path} is outside the subset: drop it`);
  return subset;
}

export const subsetText = (subset) => `${JSON.stringify(subset, null, 2)}\n`;

async function readSubsetInputs() {
  const read = async (file) => JSON.parse(await readFile(path.join(subsetDir, file), 'utf8'));
  return { lists: await read('operations.json'), patches: await read('patches.json') };
}

async function main(referenceDir) {
  const { lists, patches } = await readSubsetInputs();
  for (const [name, list] of Object.entries(lists)) {
    const file = path.join(referenceDir, list.source);
    const bytes = await readFile(file).catch(() => {
      throw new Error(`cannot read ${file}: pass the folder of Cisco's specifications`);
    });
    const source = { file: list.source, sha256: createHash('sha256').update(bytes).digest('hex') };
    const own = patches.filter((patch) => patch.spec === name);
    const subset = extractSubset(JSON.parse(bytes.toString('utf8')), list, own, source);
    const target = path.join(subsetDir, `${name}.subset.json`);
    await writeFile(target, subsetText(subset));
    console.log(`${path.relative(root, target)}: ${list.operations.length} operations`);
  }
  console.log('now run npm run gen');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const referenceDir = path.resolve(root, process.argv[2] ?? '../shared/reference/webex-openapi');
  await main(referenceDir);
}
