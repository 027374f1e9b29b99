import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Every YAML file under `dir`, its folders walked in the order readdir gives. */
export function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(name) ? [full] : [];
  });
}
