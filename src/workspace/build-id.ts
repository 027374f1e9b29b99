import { readFileSync } from 'node:fs';

/**
 * The digest `npm run build` writes beside the built code; undefined when running unbuilt code
 * (tests of the core), where nothing is cached.
 */
export function buildId(): string | undefined {
  try {
    const { id } = JSON.parse(
      readFileSync(new URL('../build-id.json', import.meta.url), 'utf8'),
    ) as {
      id?: unknown;
    };
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}
