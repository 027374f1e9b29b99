import { lstatSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { readRegularFile, type FileRead, type Refusal } from '../support/read-regular-file.js';

/**
 * The folders a configuration's files are read from: the real path of each folder named on the
 * command line, and of the folder holding each file named there. A symbolic link in the
 * configuration is followed only to a target inside one of them, and never into a hidden folder
 * or file (`.git`, `.ccac`, `.env`: a checkout's credentials, ccac's own state), which the
 * reader never lists either. A pull request can carry a link, so without this one could put
 * whatever the runner can read (its environment, `/etc/passwd`) into the plan it comments.
 */
export class ConfigFolders {
  constructor(readonly roots: readonly string[]) {}

  /** The one way a configuration's file is read: within reach, regular, within the size limit. */
  read(file: string): FileRead {
    const resolved = this.resolve(file);
    return 'real' in resolved ? readRegularFile(resolved.real) : resolved;
  }

  /** The real path of `file` (links resolved) when it is within reach, else why not. */
  resolve(file: string): { real: string } | Refusal {
    let real: string;
    try {
      real = realpathSync.native(file);
    } catch (cause) {
      const { code, message } = cause as NodeJS.ErrnoException;
      if (code === 'ENOENT') return { refused: 'no such file', missing: true };
      return { refused: `cannot follow: ${message}` };
    }
    const refused = this.outOfReach(real);
    return refused === undefined ? { real } : { refused };
  }

  /** Why `real` (a path with its links resolved) is out of reach, or undefined when it is not. */
  outOfReach(real: string): string | undefined {
    let hidden: string | undefined;
    for (const root of this.roots) {
      const relative = within(root, real);
      if (relative === undefined) continue;
      const dot = hiddenPart(relative);
      if (dot === undefined) return undefined;
      hidden ??= dot;
    }
    // Where it leads is not said: the same input must give the same plan, and /proc/self/…
    // leads somewhere new each run.
    if (hidden !== undefined)
      return `it leads under the hidden name ${hidden}, which ccac never reads`;
    const folders = this.roots.length === 1 ? 'folder' : 'folders';
    return `it leads outside the configuration's ${folders} ${this.roots.join(', ')}`;
  }
}

/** A path named on the command line: as named, its real path, and whether it is a folder. */
export interface PathArgument {
  path: string;
  real: string;
  folder: boolean;
}

/**
 * The paths named on the command line, resolved, and the folders they make. A path that is
 * itself a link must lead inside the folder holding it, and not under a hidden name: in a
 * pipeline the path names a folder of the checkout, which a pull request could replace by a link
 * to `/`, to the checkout's root (with its `.git`) or to a `.env`.
 */
export function resolvePathArguments(paths: readonly string[]): {
  folders: ConfigFolders;
  resolved: PathArgument[];
  diagnostics: Diagnostic[];
} {
  const roots = new Set<string>();
  const resolved: PathArgument[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const given of paths) {
    const argument = resolveArgument(given);
    if ('code' in argument) {
      diagnostics.push(argument);
      continue;
    }
    resolved.push(argument.resolved);
    roots.add(argument.root);
  }
  return { folders: new ConfigFolders([...roots].sort()), resolved, diagnostics };
}

function resolveArgument(given: string): { resolved: PathArgument; root: string } | Diagnostic {
  const place = { file: given, line: 1, column: 1 };
  try {
    const named = lstatSync(given, { throwIfNoEntry: false });
    if (!named) return error('FILE', `${given}: no such file or directory`, { place });
    const real = realpathSync.native(given);
    const parent = realpathSync.native(path.dirname(given));
    const refused = named.isSymbolicLink() ? linkOutOfReach(real, parent) : undefined;
    if (refused !== undefined)
      return error(
        'FILE',
        `${given} is a link that leads ${refused}: name the path it leads to, to read that`,
        { place },
      );
    const folder = statSync(real).isDirectory();
    return { resolved: { path: given, real, folder }, root: folder ? real : parent };
  } catch (cause) {
    return error('FILE', `${given}: ${(cause as Error).message}`, { place });
  }
}

/** Where a link named on the command line leads, when that is out of reach. */
function linkOutOfReach(real: string, parent: string): string | undefined {
  const relative = within(parent, real);
  if (relative === undefined) return `outside the folder ${parent} that holds it`;
  if (relative === '') return `to the folder ${parent} that holds it`;
  const dot = hiddenPart(relative);
  return dot === undefined ? undefined : `under the hidden name ${dot}`;
}

/** The first hidden name (`.git`, `.env`) of a relative path, if any. */
function hiddenPart(relative: string): string | undefined {
  return relative.split(path.sep).find((part) => part.startsWith('.'));
}

/** `real` relative to `folder` when it is inside ('' for the folder itself), else undefined. */
function within(folder: string, real: string): string | undefined {
  const relative = path.relative(folder, real);
  const outside =
    relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  return outside ? undefined : relative;
}
