// Prints the top self-time functions (and their files) of a V8 .cpuprofile: `node bench/profile-top.mjs FILE [N]`.
import { readFileSync } from 'node:fs';

const [file, count = '30'] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const self = new Map();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) {
  const node = byId.get(profile.samples[i]);
  const { functionName, url, lineNumber } = node.callFrame;
  const key = `${functionName || '(anon)'} ${url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0));
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
const byFile = new Map();
for (const [key, us] of self) {
  const f = key
    .split(' ')
    .slice(1)
    .join(' ')
    .replace(/:\d+$/, '')
    .replace(/^(node_modules\/[^/]+).*/, '$1');
  byFile.set(f, (byFile.get(f) ?? 0) + us);
}
console.log(`total ${(total / 1e6).toFixed(2)} s`);
for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(count)))
  console.log(`${(us / 1e3).toFixed(0).padStart(7)} ms  ${key}`);
console.log('--- by file/package');
for (const [key, us] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 15))
  console.log(`${(us / 1e3).toFixed(0).padStart(7)} ms  ${key}`);
