import type { AddressRefs, WebexRecords } from '../store/webex-records.js';
import type { RemoteRef } from '../webex/remote-refs.js';

/**
 * Records refs as a push reports them, one short transaction at a time: what arrives while one
 * is written goes into the next, so a bulk answer of a thousand ids is a few transactions, not a
 * thousand, and nothing waits on the database but the end of the push (`flush`).
 */
export class RemoteRefWriter {
  private pending = new Map<string, readonly RemoteRef[]>();
  private writing: Promise<void> = Promise.resolve();
  private failure: unknown;

  constructor(
    private readonly records: WebexRecords,
    private readonly scope: string,
  ) {}

  report(address: string, refs: readonly RemoteRef[]): void {
    const idle = this.pending.size === 0;
    this.pending.set(address, refs);
    if (idle) this.writing = this.writing.then(() => this.writePending());
  }

  /** Everything reported is written; the first failure to write is thrown here. */
  async flush(): Promise<void> {
    await this.writing;
    if (this.failure !== undefined) throw this.failure;
  }

  private async writePending(): Promise<void> {
    const entries: AddressRefs[] = [...this.pending].map(([address, refs]) => ({ address, refs }));
    this.pending = new Map();
    if (this.failure !== undefined) return;
    try {
      await this.records.recordRemoteRefs(this.scope, entries);
    } catch (error) {
      this.failure = error;
    }
  }
}
