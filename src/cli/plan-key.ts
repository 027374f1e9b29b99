import { error, type Diagnostic } from '../diagnostics/diagnostic.js';

/**
 * CCAC_PLAN_KEY: what `plan --out` signs saved plans with and `apply PLANFILE` requires them to be
 * signed with (saved-plan/plan-signature.ts). Only ever read from the environment, never from an
 * option (a command line is visible to every user of the machine), and never printed. Set but
 * empty is refused rather than read as unset: a CI secret that did not arrive must not turn the
 * check off.
 */
export function planKey(
  env: NodeJS.ProcessEnv = process.env,
): { key: string | undefined } | { diagnostic: Diagnostic } {
  const key = env.CCAC_PLAN_KEY;
  if (key === '')
    return {
      diagnostic: error(
        'USAGE',
        'CCAC_PLAN_KEY is set but empty: set it to the key plans are signed with, or unset it',
      ),
    };
  return { key };
}
