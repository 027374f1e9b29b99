/**
 * One side of `ccac diff FROM TO`. Prefixed forms win; a directory literally named `live`
 * is written `./live`.
 */
export type Operand =
  | { type: 'path'; path: string }
  | { type: 'revision'; id: number }
  | { type: 'live' }
  | { type: 'git'; ref: string; path: string | undefined };

export type ParsedOperand = { operand: Operand } | { problem: string };

export function parseOperand(text: string): ParsedOperand {
  if (text === 'live') return { operand: { type: 'live' } };
  if (text.startsWith('rev:')) {
    const id = text.slice('rev:'.length);
    if (!/^(0|[1-9][0-9]{0,14})$/.test(id))
      return {
        problem: `"${text}": a revision is rev:N, N a global revision id (see ccac history)`,
      };
    return { operand: { type: 'revision', id: Number(id) } };
  }
  if (text.startsWith('git:')) return parseGit(text);
  if (text === '')
    return { problem: 'an empty operand: give a path, rev:N, live or git:REF[:PATH]' };
  return { operand: { type: 'path', path: text } };
}

/** `git:REF[:PATH]`: the first colon after the ref separates the path (refs hold no colons). */
function parseGit(text: string): ParsedOperand {
  const rest = text.slice('git:'.length);
  const colon = rest.indexOf(':');
  const ref = colon < 0 ? rest : rest.slice(0, colon);
  const path = colon < 0 ? undefined : rest.slice(colon + 1);
  // A ref starting with '-' would reach git as an option.
  if (ref === '' || ref.startsWith('-') || /[\s\0]/.test(ref))
    return { problem: `"${text}": expected git:REF or git:REF:PATH, e.g. git:HEAD~1:examples` };
  return { operand: { type: 'git', ref, path: path === '' ? undefined : path } };
}

/** How an operand is named in messages and plan headers. */
export function describeOperand(operand: Operand): string {
  switch (operand.type) {
    case 'path':
      return operand.path;
    case 'revision':
      return `rev:${operand.id}`;
    case 'live':
      return 'live';
    case 'git':
      return `git:${operand.ref}${operand.path === undefined ? '' : `:${operand.path}`}`;
  }
}

export function needsStore(operand: Operand): boolean {
  return operand.type === 'revision' || operand.type === 'live';
}
