/** A literal (`|`) or folded (`>`) block scalar's value, read by the fast parser. */
export interface BlockScalar {
  value: string;
}

/**
 * The value of a block scalar from its header (`|`, `>-`, `|+`, …) and its content lines as they
 * stand in the file (empty lines empty). Undefined for the forms left to `yaml`: no content, a
 * line of spaces only, a tab, or a first line indented past a later one.
 */
export function blockScalar(header: string, content: readonly string[]): BlockScalar | undefined {
  const first = content.find((line) => line !== '');
  if (first === undefined) return undefined;
  const indent = first.length - first.trimStart().length;
  const lines: string[] = [];
  for (const line of content) {
    if (line === '') {
      lines.push('');
      continue;
    }
    if (line.includes('\t') || line.trim() === '') return undefined;
    if (line.length - line.trimStart().length < indent) return undefined;
    lines.push(line.slice(indent));
  }
  let trailing = 0;
  while (lines[lines.length - 1 - trailing] === '') trailing++;
  const body = lines.slice(0, lines.length - trailing);
  const text = header[0] === '>' ? folded(body) : body.join('\n');
  const chomping = header[1];
  if (chomping === '-') return { value: text };
  if (chomping === '+') return { value: `${text}\n${'\n'.repeat(trailing)}` };
  return { value: `${text}\n` };
}

/**
 * Folding: a line break between two lines of text becomes a space, unless empty lines stand
 * between them (each then one line break) or either line is more indented (kept as it is).
 */
function folded(lines: readonly string[]): string {
  let text = '';
  let previous: 'none' | 'text' | 'indented' = 'none';
  let empty = 0;
  for (const line of lines) {
    if (line === '') {
      empty++;
      continue;
    }
    const kind = line[0] === ' ' ? 'indented' : 'text';
    if (previous === 'none') text += '\n'.repeat(empty);
    else if (previous === 'text' && kind === 'text') text += empty === 0 ? ' ' : '\n'.repeat(empty);
    else text += '\n'.repeat(empty + 1);
    text += line;
    previous = kind;
    empty = 0;
  }
  return text;
}
