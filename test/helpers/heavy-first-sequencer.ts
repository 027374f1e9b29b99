import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Test folders from the slowest files to the quickest: the CLI scenarios and the reliability
 * tests spawn processes against real databases for a minute or more, the unit tests take
 * milliseconds. Starting the long files first keeps one of them from running alone at the end.
 */
const FOLDERS = ['reliability', 'cli', 'property', 'store', 'browser', 'webex-sim', 'unit'];

export class HeavyFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    // Vitest's own order (the last run's durations, else file size) within each folder.
    const sorted = await super.sort(files);
    return sorted
      .map((file, index) => ({ file, index, rank: rankOf(file.moduleId) }))
      .sort((a, b) => a.rank - b.rank || a.index - b.index)
      .map(({ file }) => file);
  }
}

function rankOf(moduleId: string): number {
  const parts = moduleId.split(path.sep);
  const folder = parts[parts.lastIndexOf('test') + 1] ?? '';
  const rank = FOLDERS.indexOf(folder);
  return rank === -1 ? FOLDERS.length : rank;
}
