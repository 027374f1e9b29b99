import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openPostgresDatabase } from '../../src/store/postgres-database.js';

/**
 * A stand-in PostgreSQL server that accepts any startup message at once (AuthenticationOk, then
 * ReadyForQuery), or never answers (`silent`): enough for pg's client to connect, or to wait.
 */
async function stubServer(silent = false): Promise<{ url: string; close: () => void }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.once('data', () => {
      if (silent) return;
      const ok = Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 0]); // 'R', length 8, AuthenticationOk
      const ready = Buffer.from([0x5a, 0, 0, 0, 5, 0x49]); // 'Z', length 5, idle
      socket.write(Buffer.concat([ok, ready]));
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `postgres://ccac@127.0.0.1:${port}/ccac`,
    close: () => {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

/** What a synchronous parse of a large configuration does to the event loop. */
function blockLoop(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until);
}

describe('connecting to PostgreSQL while the event loop is busy', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

  it('connects when the loop was blocked for longer than the connect timeout', async () => {
    const server = await stubServer();
    cleanups.push(server.close);
    const opening = openPostgresDatabase({ url: server.url, connectTimeoutMs: 400 });
    // The server answered long ago; the loop is not free to read the answer.
    blockLoop(1_500);
    const db = await opening;
    await db.close();
  });

  it('still times out a server that never answers, counting the time the loop was free', async () => {
    const server = await stubServer(true);
    cleanups.push(server.close);
    const started = Date.now();
    const error = await openPostgresDatabase({ url: server.url, connectTimeoutMs: 400 }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: 'StoreError', code: 'STORE_UNREACHABLE' });
    expect((error as Error).message).toContain('timeout expired');
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
  });

  it('times out, blocked loop or not, once the free time adds up', async () => {
    const server = await stubServer(true);
    cleanups.push(server.close);
    const opening = openPostgresDatabase({ url: server.url, connectTimeoutMs: 400 }).catch(
      (e: unknown) => e,
    );
    blockLoop(1_000);
    expect(await opening).toMatchObject({ code: 'STORE_UNREACHABLE' });
  });
});
