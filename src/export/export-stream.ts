/** What `ccac export` prints without `--out`: one multi-document YAML stream, or why not. */
export type ExportStream = { text: string } | { assets: string[] };

/**
 * The exported YAML files as one stream, each file's documents under a comment naming the file
 * it would be. Flow definitions have no place in a stream (`definitionFile` names a file), so a
 * state holding any is refused rather than printed in a form that would not plan back to itself.
 */
export function exportStream(files: ReadonlyMap<string, string>): ExportStream {
  const assets = [...files.keys()].filter((file) => !isYaml(file));
  if (assets.length > 0) return { assets };
  const parts = [...files].map(([file, text]) => `# ${file}\n${text}`);
  return { text: parts.join('---\n') };
}

function isYaml(file: string): boolean {
  return /\.ya?ml$/.test(file);
}
