// The everyday shapes a configuration is written in besides the generator's (bench/generate.mjs),
// so that no single shape flatters the parser (#21): the same resources and values, written as
//   lists   — every file of several resources a `kind: List`, a tenant's users in lists of 250;
//   flow    — lists and small maps in flow style (`teams: [A, B]`, `wrapUp: {timeoutSeconds: 30}`);
//   quoted  — every string double-quoted, a comment above each resource and after its kind.
import path from 'node:path';
import jsYaml from 'js-yaml';

export const SHAPES = ['generator', 'lists', 'flow', 'quoted'];

const LIST_SIZE = 250;

/** The files (path → text) of the generator's shape, rewritten in `shape`. */
export function reshape(files, shape) {
  if (shape === 'generator') return files;
  if (!SHAPES.includes(shape)) throw new Error(`unknown shape ${shape}: ${SHAPES.join(', ')}`);
  const style = { flow: shape === 'flow', quoted: shape === 'quoted' };
  const out = new Map();
  const users = new Map(); // tenant folder → its users' documents, in order
  for (const [name, text] of files) {
    const docs = jsYaml.loadAll(text, null, { schema: jsYaml.CORE_SCHEMA });
    if (shape === 'lists' && path.basename(name).startsWith('users-')) {
      const folder = path.dirname(name);
      users.set(folder, [...(users.get(folder) ?? []), ...docs]);
    } else if (shape === 'lists' && docs.length > 1) out.set(name, listFile(docs, style));
    else out.set(name, documentsFile(docs, style, name));
  }
  for (const [folder, docs] of users)
    for (let i = 0; i * LIST_SIZE < docs.length; i++)
      out.set(
        path.join(folder, `users-list-${String(i).padStart(2, '0')}.yaml`),
        listFile(docs.slice(i * LIST_SIZE, (i + 1) * LIST_SIZE), style),
      );
  return out;
}

function listFile(docs, style) {
  const lines = ['apiVersion: ccac/v1', 'kind: List', 'items:'];
  for (const doc of docs) lines.push(...itemLines(mapLines(doc, style), '  '));
  return lines.join('\n') + '\n';
}

function documentsFile(docs, style, name) {
  const texts = docs.map((doc) => {
    const lines = mapLines(doc, style);
    if (!style.quoted) return lines.join('\n') + '\n';
    // Comments where people write them: above the resource, and after a value.
    const commented = lines.map((l) => (l.startsWith('kind: ') ? `${l}  # ${doc.kind}` : l));
    return [`# ${doc.kind} ${doc.metadata.name}`, ...commented].join('\n') + '\n';
  });
  const header = style.quoted ? `# ${name}: written by hand, reviewed on pull requests\n` : '';
  return header + texts.join('---\n');
}

/** A block map's lines under "- ", at `indent`. */
function itemLines(lines, indent) {
  return lines.map((l, i) => `${indent}${i === 0 ? '- ' : '  '}${l}`);
}

const isScalar = (v) => v === null || typeof v !== 'object';

function mapLines(map, style) {
  const lines = [];
  for (const [key, value] of Object.entries(map)) {
    if (isScalar(value)) lines.push(`${key}: ${scalar(value, style)}`);
    else if (Array.isArray(value)) {
      if (value.length === 0 || (style.flow && value.every(isScalar)))
        lines.push(`${key}: [${value.map((v) => scalar(v, style)).join(', ')}]`);
      else {
        lines.push(`${key}:`);
        for (const item of value)
          if (isScalar(item)) lines.push(`  - ${scalar(item, style)}`);
          else lines.push(...itemLines(mapLines(item, style), '  '));
      }
    } else if (style.flow && Object.values(value).every(isScalar)) {
      const pairs = Object.entries(value).map(([k, v]) => `${k}: ${scalar(v, style)}`);
      lines.push(`${key}: {${pairs.join(', ')}}`);
    } else lines.push(`${key}:`, ...mapLines(value, style).map((l) => `  ${l}`));
  }
  return lines;
}

const PLAIN_SAFE = /^[A-Za-z_][A-Za-z0-9_ .@/()+-]*$/;
const RESERVED = /^(?:true|false|null|yes|no|on|off|y|n|~)$/i;

function scalar(value, style) {
  if (typeof value !== 'string') return String(value);
  if (style.quoted) return JSON.stringify(value);
  if (PLAIN_SAFE.test(value) && !RESERVED.test(value) && !value.endsWith(' ')) return value;
  return `'${value.replace(/'/g, "''")}'`;
}
