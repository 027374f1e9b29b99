import { setFlagsFromString } from 'node:v8';

/**
 * An eighth of V8's default (920 bytes of bytecode inlined into one optimized function). On two
 * cores V8's optimizing compiler runs on helper threads beside the two parse threads, once per
 * isolate, and its largest graphs come from inlining: with less of it a CI-cold `validate` of
 * 100k took ≈ 0.4 s less CPU and ≈ 0.15 s less wall (bench/HISTORY.md, "Session 24").
 */
const CUMULATIVE_INLINED_BYTES = 115;

/**
 * Caps how much V8 inlines when it optimizes. Set before any code is hot (the flags are the
 * process's, so the parse thread started later has them too).
 */
export function limitInlining(): void {
  setFlagsFromString(`--max-inlined-bytecode-size-cumulative=${CUMULATIVE_INLINED_BYTES}`);
}
