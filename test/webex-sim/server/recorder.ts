import type { SimCall } from '../types.js';

/** The calls answered and the validation failures seen, for tests to assert on. */
export class Recorder {
  private calls: SimCall[] = [];
  private readonly problems: string[] = [];

  /** Records a request on arrival; its status is set when it is answered. */
  arrived(method: string, path: string, operationId: string): SimCall {
    const call: SimCall = { method, path, operationId, status: -1, at: Date.now() };
    this.calls.push(call);
    return call;
  }

  answered(): SimCall[] {
    return this.calls.filter((call) => call.status >= 0).map((call) => ({ ...call }));
  }

  reset(): void {
    this.calls = [];
  }

  invalid(problem: string): void {
    this.problems.push(problem);
  }

  invalidSoFar(): string[] {
    return [...this.problems];
  }
}
