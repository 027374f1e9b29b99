import { error } from '../diagnostics/diagnostic.js';
import { Model } from '../model/model.js';
import type { Plan } from '../model/plan.js';
import { diffModels } from '../sources/diff-models.js';
import { loadOperand } from '../sources/load-operand.js';
import { describeOperand, needsStore, parseOperand, type Operand } from '../sources/operand.js';
import type { SqlStateStore } from '../store/sql-state-store.js';

/** The two sides of `ccac diff`, as parsed from the command line. */
export interface DiffOperands {
  from: Operand;
  to: Operand;
}

/** What `ccac diff` shows: the plan that turns FROM into TO, and how each side is named. */
export interface DiffResult {
  plan: Plan;
  from: string;
  to: string;
}

/**
 * FROM and TO parsed (a path, rev:N, live, git:REF[:PATH]); an operand that cannot be read gives
 * the diff of two empty sides with the problems, which is what the command then shows.
 */
export function parseDiffOperands(
  fromText: string,
  toText: string,
): { operands: DiffOperands } | { refused: DiffResult } {
  const parsed = [parseOperand(fromText), parseOperand(toText)];
  const problems = parsed.flatMap((p) => ('problem' in p ? [error('USAGE', p.problem)] : []));
  if (problems.length > 0)
    return { refused: { plan: diffModels(new Model(), new Model(), problems), from: '', to: '' } };
  const [from, to] = parsed.map((p) => (p as { operand: Operand }).operand) as [Operand, Operand];
  return { operands: { from, to } };
}

/** Whether a side is read from the store (rev:N, live): only then is the store opened. */
export function diffNeedsStore(operands: DiffOperands): boolean {
  return needsStore(operands.from) || needsStore(operands.to);
}

/** `ccac diff`: both sides loaded as models and compared; what loading found comes along. */
export async function diff(
  operands: DiffOperands,
  context: { cwd: string; store: SqlStateStore | undefined },
): Promise<DiffResult> {
  const before = await loadOperand(operands.from, context);
  const after = await loadOperand(operands.to, context);
  const plan = diffModels(before.model, after.model, [...before.diagnostics, ...after.diagnostics]);
  return { plan, from: describeOperand(operands.from), to: describeOperand(operands.to) };
}
