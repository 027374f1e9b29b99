import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Git's answer when the working directory is no repository or the ref names no commit. */
export class GitError extends Error {}

/** A commit's tree as seen from the working directory: what `git:REF[:PATH]` reads. */
export interface GitTree {
  commit: string;
  /** The working directory relative to the repository root, `''` or ending in `/`. */
  prefix: string;
  /** Blobs under the pathspec: full path (from the repository root) → object id. */
  blobs: Map<string, string>;
}

/** Lists the blobs of `ref` under `pathspec` (relative to `cwd`, as git takes it); no checkout. */
export async function listGitTree(cwd: string, ref: string, pathspec: string): Promise<GitTree> {
  const commit = (await git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim();
  if (commit === '') throw new GitError(`${ref} names no commit`);
  const prefix = (await git(cwd, ['rev-parse', '--show-prefix'])).trim();
  const listing = await git(cwd, ['ls-tree', '-r', '-z', '--full-name', commit, '--', pathspec]);
  const blobs = new Map<string, string>();
  for (const entry of listing.split('\0')) {
    const match = /^\d+ blob ([0-9a-f]+)\t(.*)$/s.exec(entry);
    if (match) blobs.set(match[2]!, match[1]!);
  }
  return { commit, prefix, blobs };
}

/** A full path relative to the working directory, as a path operand's files are named. */
export function fromRoot(tree: GitTree, fullPath: string): string {
  return path.posix.relative(tree.prefix === '' ? '.' : tree.prefix, fullPath);
}

/** A path relative to the working directory as a full path, or undefined outside the repository. */
export function toRoot(tree: GitTree, relative: string): string | undefined {
  const full = path.posix.normalize(
    path.posix.join(tree.prefix, relative.split(path.sep).join('/')),
  );
  return full.startsWith('../') || full === '..' ? undefined : full;
}

/**
 * Contents of objects (ids, or `commit:path` names) in one `git cat-file --batch` run;
 * a missing object is left out.
 */
export async function readGitObjects(
  cwd: string,
  names: readonly string[],
): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const wanted = names.filter((name) => !/[\n\r]/.test(name));
  if (wanted.length === 0) return out;
  const stdout = await new Promise<Buffer>((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd, stdio: ['pipe', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(Buffer.concat(chunks)) : reject(new GitError('git cat-file failed')),
    );
    child.stdin.end(wanted.map((name) => `${name}\n`).join(''));
  });
  let offset = 0;
  for (const name of wanted) {
    const newline = stdout.indexOf(0x0a, offset);
    const header = stdout.subarray(offset, newline).toString('utf8');
    offset = newline + 1;
    const size = /^[0-9a-f]+ blob (\d+)$/.exec(header);
    if (!size) {
      // `<name> missing`, or another object type: nothing to read beyond the header.
      const other = /^[0-9a-f]+ \w+ (\d+)$/.exec(header);
      if (other) offset += Number(other[1]) + 1;
      continue;
    }
    const length = Number(size[1]);
    out.set(name, stdout.subarray(offset, offset + length));
    offset += length + 1;
  }
  return out;
}

async function git(cwd: string, args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await run('git', [...args], { cwd, maxBuffer: 256 * 1024 * 1024 });
    return stdout;
  } catch (cause) {
    const stderr = String((cause as { stderr?: unknown }).stderr ?? '').trim();
    const quiet = (cause as { code?: unknown }).code === 1 && stderr === '';
    if (quiet) return '';
    throw new GitError(stderr.split('\n')[0] || (cause as Error).message);
  }
}
