// How the bench measures: whole CLI processes (wall time, peak RSS), and a fresh database per run.
import { execFileSync, spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist/cli/main.js');

/** Node flags of the CLI processes: none when timing; the smoke run takes the tests' (run-cli.ts). */
let nodeFlags = [];
export function setNodeFlags(flags) {
  nodeFlags = flags;
}

/**
 * Runs the CLI; wall time from spawn to exit, peak RSS from /proc/<pid>/status (VmHWM).
 * `cacheDir` is the run's parse cache (CCAC_CACHE_DIR); `cold` empties it first.
 */
export async function runCli(args, expectCodes, { cacheDir, cold = false, env = {} }) {
  if (cold) await rm(cacheDir, { recursive: true, force: true });
  settledDisk();
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [...nodeFlags, CLI, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CCAC_CACHE_DIR: cacheDir, ...env },
    });
    let peakKb = 0;
    let stderr = '';
    const poll = async () => {
      try {
        const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
        const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
        if (kb > peakKb) peakKb = kb;
      } catch {
        // the process has exited
      }
    };
    const timer = setInterval(poll, 20);
    child.stdout.resume();
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', async (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      clearInterval(timer);
      if (!expectCodes.includes(code))
        reject(new Error(`ccac ${args.join(' ')} exited ${code}:\n${stderr.slice(-2000)}`));
      else resolve({ ms, rssMb: peakKb / 1024 });
    });
  });
}

export async function timed(work) {
  settledDisk();
  const started = process.hrtime.bigint();
  const value = await work();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, value };
}

/**
 * A fresh database per run: a new PostgreSQL database, or a new PGlite directory; a copy of
 * `from` (another freshDatabase, no process using it) when given.
 */
export async function freshDatabase(db, settings, label, from) {
  if (db === 'pglite') {
    const dir = await mkdtemp(path.join(tmpdir(), 'ccac-bench-'));
    if (from) await cp(from.dir, path.join(dir, 'state'), { recursive: true });
    return {
      url: `pglite:${path.join(dir, 'state')}`,
      dir: path.join(dir, 'state'),
      drop: () => rm(dir, { recursive: true, force: true }),
    };
  }
  const name = `ccac_bench_${process.pid}_${label}`;
  const admin = new pg.Client({ connectionString: settings.pg });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}${from ? ` template ${from.name}` : ''}`);
  await admin.end();
  const url = new URL(settings.pg);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: settings.pg });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * The disk settled before a timed step or floor: the bench's own earlier steps (a generated
 * configuration, a parse cache, stores made and deleted: hundreds of MB) leave writeback and, on
 * a file system mounted with `discard`, discards in flight, under which a new embedded store's
 * copy of 1,014 files took 0.7 s instead of 0.1 s (bench/HISTORY.md, Session 16). A CI job does
 * not start on a disk its own harness has just filled; `sync` waits until this one is written.
 */
export function settledDisk() {
  execFileSync('sync');
}

/**
 * The 1-minute load average a run starts at, after waiting (at most `seconds`) for it to fall to
 * 1.0: the bench's own previous step leaves it near 2 on two cores, and it takes ≈ 40 s to decay.
 */
export async function settledLoad(seconds) {
  const deadline = Date.now() + seconds * 1000;
  while (loadavg()[0] > 1 && Date.now() < deadline) await sleep(2000);
  return loadavg()[0];
}
