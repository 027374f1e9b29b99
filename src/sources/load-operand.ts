import { loadWholeConfig } from '../workspace/open-workspace.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { Model } from '../model/model.js';
import type { SqlStateStore } from '../store/sql-state-store.js';
import { loadGitConfig } from './load-git-config.js';
import type { Operand } from './operand.js';
import { liveState, stateAtRevision } from './state-at-revision.js';

/** One side of a diff as a canonical model, with what loading it had to say. */
export interface LoadedOperand {
  model: Model;
  diagnostics: Diagnostic[];
}

/**
 * Resolves an operand to a model: files and git trees are loaded and checked like `plan` loads
 * its paths (flow definitions read, defaults filled, sets sorted); `rev:N` and `live` come from
 * the store, which the caller opens only when one of them asks for it.
 */
export async function loadOperand(
  operand: Operand,
  context: { cwd: string; store: SqlStateStore | undefined },
): Promise<LoadedOperand> {
  switch (operand.type) {
    case 'path': {
      const checked = await loadWholeConfig([operand.path]);
      return { model: checked.desired, diagnostics: checked.diagnostics.filter(isLoadProblem) };
    }
    case 'git': {
      const checked = await loadGitConfig(context.cwd, operand.ref, operand.path);
      return { model: checked.desired, diagnostics: checked.diagnostics.filter(isLoadProblem) };
    }
    case 'revision': {
      const at = await stateAtRevision(requireStore(context.store), operand.id);
      if ('diagnostic' in at) return { model: new Model(), diagnostics: [at.diagnostic] };
      return { model: at.model, diagnostics: [] };
    }
    case 'live':
      return { model: await liveState(requireStore(context.store)), diagnostics: [] };
  }
}

/**
 * What keeps a configuration from being read as a model: unreadable files, bad YAML, schema
 * violations, one address twice. Rule findings (a reference to a resource elsewhere, a role
 * conflict) judge a configuration, not the difference between two: `ccac validate` reports those,
 * and a diff of one tenant's folder must not fail for the organizations it leaves out.
 */
const LOAD_CODES: ReadonlySet<string> = new Set(['FILE', 'YAML', 'SCHEMA', 'DUPLICATE_RESOURCE']);

export function isLoadProblem(diagnostic: Diagnostic): boolean {
  return LOAD_CODES.has(diagnostic.code);
}

function requireStore(store: SqlStateStore | undefined): SqlStateStore {
  if (!store) throw new Error('an operand that reads the store was loaded without one');
  return store;
}
