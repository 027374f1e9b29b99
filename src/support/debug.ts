/**
 * A note for whoever runs with CCAC_DEBUG set: what the run did that output does not show.
 * CCAC_DEBUG=time also says when, in ms since the process started.
 */
export function debug(message: string): void {
  const mode = process.env.CCAC_DEBUG;
  if (!mode) return;
  const at = mode === 'time' ? `${Math.round(performance.now())} ms: ` : '';
  process.stderr.write(`ccac: ${at}${message}\n`);
}
