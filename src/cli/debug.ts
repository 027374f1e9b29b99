/** A note for whoever runs with CCAC_DEBUG set: what the run did that output does not show. */
export function debug(message: string): void {
  if (process.env.CCAC_DEBUG) process.stderr.write(`ccac: ${message}\n`);
}
