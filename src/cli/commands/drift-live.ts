import type { TenantLiveDrift } from '../../operations/drift-live.js';
import { type ExitCode, exitCodeFor, type Output } from '../output.js';
import type { Format } from '../options.js';
import { renderLiveDriftJson, renderLiveDriftText } from '../render/drift-live.js';

/** `ccac drift --live` shown: 1 when a tenant could not be compared, 2 for drift (--detailed-exitcode). */
export function liveDriftShown(
  results: readonly TenantLiveDrift[],
  options: { format: Format; detailedExitcode?: boolean },
  output: Output,
): ExitCode {
  output.out(
    options.format === 'json'
      ? renderLiveDriftJson(results)
      : renderLiveDriftText(results, output.color),
  );
  return exitCodeFor({
    errors: results.some((r) => r.status === 'refused' || r.status === 'failed'),
    changes: results.some((r) => r.resources.length > 0),
    detailed: options.detailedExitcode,
  });
}
