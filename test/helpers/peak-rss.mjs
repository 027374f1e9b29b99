// Preloaded into a CLI process (NODE_OPTIONS=--import) by tests that bound its memory: on exit,
// the main thread writes its peak resident set size (kB, getrusage) to CCAC_TEST_PEAK_RSS_FILE.
import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const file = process.env.CCAC_TEST_PEAK_RSS_FILE;
if (file && isMainThread)
  process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
