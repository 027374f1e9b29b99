/**
 * Text from users (names, addresses, file paths, messages) placed in Markdown for a pull-request
 * comment: in running text, a table cell, a `<code>` element or a `<summary>`. Every character
 * that Markdown or HTML could read as syntax becomes a numeric character reference, which both
 * read back as the character itself: `<` and `&` (HTML), `` ` `` (code spans), `\` (escapes),
 * `*`, `_`, `~` (emphasis), `[`, `]` (links and images), `|` (table cells), `$` (math), and line
 * breaks (a new block). It never goes into an attribute, so quotes stay as they are.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[&<>`\\*_~[\]|$\r\n]/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * Text from users shown as code: a `<code>` element, not a code span — inside a span no
 * reference or escape is read, so a backtick in the text would close it and what follows would
 * be read as Markdown and HTML.
 */
export function markdownCode(text: string): string {
  return `<code>${escapeMarkdown(text)}</code>`;
}
