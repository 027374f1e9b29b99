import type { Model } from '../../../src/model/model.js';
import { checkConfig, loadConfig } from '../../../src/config/check-config.js';

/** The model of in-memory YAML files; any diagnostic fails the test that asked. */
export function checkYamlModel(files: Record<string, string>): Model {
  const sources = Object.entries(files).map(([path, text]) => ({ path, text }));
  const loaded = loadConfig(sources);
  const checked = checkConfig(loaded.resources, loaded.diagnostics, new Map());
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => d.message).join('\n'));
  return checked.desired;
}
