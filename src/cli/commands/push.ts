import { error } from '../../diagnostics/diagnostic.js';
import { push, type TenantPush } from '../../operations/push.js';
import { EXIT, type ExitCode, exitCodeFor, type Output } from '../output.js';
import type { Format } from '../options.js';
import { pushProgress } from '../push-progress.js';
import { renderDiagnosticsText } from '../render/diagnostics.js';
import { renderPushJson } from '../render/push-json.js';
import { renderPushText } from '../render/push-text.js';
import { withStore } from '../with-store.js';

export interface PushOptions {
  db: string;
  actor?: string;
  tenant: string[];
  format: Format;
  dryRun?: boolean;
  detailedExitcode?: boolean;
}

/** parse → push → render → exit code. */
export async function runPush(options: PushOptions, output: Output): Promise<ExitCode> {
  if (!options.actor) {
    const missing = error('AUTHZ_NO_ACTOR', 'push needs an actor: --actor EMAIL or CCAC_ACTOR');
    output.err(renderDiagnosticsText([missing], output.color));
    return EXIT.error;
  }
  return withStore(options.db, output, options, async (store) => {
    const progress = pushProgress();
    const results = await push(store, {
      tenants: options.tenant,
      actor: options.actor,
      dryRun: options.dryRun ?? false,
      env: process.env,
      onProgress: progress.onProgress,
    }).finally(progress.stop);
    output.out(
      options.format === 'json'
        ? renderPushJson(results, options.dryRun ?? false)
        : renderPushText(results, output.color, options.dryRun ?? false),
    );
    return pushExitCode(results, options);
  });
}

/** 1 when a tenant was refused or failed; 2 for a dry run with calls (--detailed-exitcode). */
export function pushExitCode(
  results: readonly TenantPush[],
  options: { detailedExitcode?: boolean },
): ExitCode {
  return exitCodeFor({
    errors: results.some((r) => r.status === 'refused' || r.status === 'failed'),
    changes: results.some((r) => r.status === 'planned' && (r.plan ?? []).length > 0),
    detailed: options.detailedExitcode,
  });
}
