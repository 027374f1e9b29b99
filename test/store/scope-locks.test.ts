import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/store/state-store.js';
import { storeTargets } from '../helpers/databases.js';
import { queues } from './fixtures/changes.js';

/** A promise with its resolve function, to hold a transaction open until the test lets go. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe.each(storeTargets())('scope locks on $dialect', (target) => {
  it('takes the locks of many scopes, in any order and with repeats, and releases them', async () => {
    const store = await target.open();
    const scopes = ['zeta', 'acme', '_global', 'acme', 'mid'];
    for (const commit of [true, false, true])
      expect(
        await store.withLockedScopes(scopes, { lockTimeoutMs: 1_000 }, async (tx) => ({
          commit,
          value: (await tx.readState(scopes)).revisions.size,
        })),
      ).toBe(4);
  });
});

const postgres = storeTargets().filter((t) => t.dialect === 'postgres');

describe.runIf(postgres.length > 0)('scope locks between connections (PostgreSQL)', () => {
  const target = postgres[0]!;

  it('times out naming the holder, and does not block other scopes', async () => {
    const url = await target.freshUrl();
    const holder = await target.open(url, {
      applicationName: 'ccac run=r1 actor=ann@acme.example',
    });
    const waiter = await target.open(url, {
      applicationName: 'ccac run=r2 actor=bob@acme.example',
    });
    const release = gate();
    const locked = gate();
    const holding = holder.withLockedScopes(['acme'], { lockTimeoutMs: 1_000 }, async (tx) => {
      await tx.writeChanges(queues('acme', 1));
      locked.open();
      await release.opened;
      return { commit: true, value: 'held' };
    });
    await locked.opened;

    const started = Date.now();
    const error = await waiter
      .withLockedScopes(['beta', 'acme'], { lockTimeoutMs: 300 }, async () => ({
        commit: true,
        value: 0,
      }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'LOCK_TIMEOUT' });
    expect((error as StoreError).message).toContain('scope "acme"');
    expect((error as StoreError).message).toContain('ccac run=r1 actor=ann@acme.example');
    expect(Date.now() - started).toBeLessThan(5_000);

    // beta was locked in the failed attempt and must have been released with it.
    expect(
      await waiter.withLockedScopes(['beta'], { lockTimeoutMs: 300 }, async () => ({
        commit: true,
        value: 'free',
      })),
    ).toBe('free');

    release.open();
    expect(await holding).toBe('held');
    // Released by commit: the waiter gets it now and sees the holder's write.
    expect(
      await waiter.withLockedScopes(['acme'], { lockTimeoutMs: 300 }, async (tx) => ({
        commit: false,
        value: (await tx.readState(['acme'])).model.size,
      })),
    ).toBe(1);
  });

  it('serialises two applies to one scope instead of failing when the wait is short', async () => {
    const url = await target.freshUrl();
    const a = await target.open(url);
    const b = await target.open(url);
    const order: string[] = [];
    const run = (store: typeof a, name: string) =>
      store.withLockedScopes(['acme'], { lockTimeoutMs: 5_000 }, async () => {
        order.push(`${name} in`);
        await new Promise((r) => setTimeout(r, 100));
        order.push(`${name} out`);
        return { commit: true, value: undefined };
      });
    await Promise.all([run(a, 'a'), run(b, 'b')]);
    // One ran entirely before the other: never "a in, b in".
    expect([
      ['a in', 'a out', 'b in', 'b out'],
      ['b in', 'b out', 'a in', 'a out'],
    ]).toContainEqual(order);
  });
});
