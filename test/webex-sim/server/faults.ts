import type { SimCall, SimFault } from '../types.js';

type Kind = SimFault['kind'];

/** Faults asked for by a test, each answering the next `times` requests it matches. */
export class FaultBook {
  private readonly pending: Array<{ fault: SimFault; left: number }> = [];

  add(fault: SimFault): void {
    this.pending.push({ fault, left: fault.times ?? Number.POSITIVE_INFINITY });
  }

  /** The first pending fault of one of these kinds that matches the call, spending one of its times. */
  take(kinds: readonly Kind[], call: SimCall): SimFault | undefined {
    const entry = this.pending.find(
      ({ fault, left }) => left > 0 && kinds.includes(fault.kind) && matches(fault, call),
    );
    if (!entry) return undefined;
    entry.left -= 1;
    return entry.fault;
  }
}

function matches(fault: SimFault, call: SimCall): boolean {
  const pattern = fault.match;
  if (!pattern) return true;
  const test = (text: string): boolean => {
    pattern.lastIndex = 0; // a /g or /y pattern keeps state between tests
    return pattern.test(text);
  };
  return test(call.operationId) || test(`${call.method} ${call.path}`);
}
