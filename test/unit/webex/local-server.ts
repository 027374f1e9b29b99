import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the server saw it: when it arrived and when the answer left (performance.now). */
export interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
  arrived: number;
  answered: number;
}

export type Answer =
  { status: number; body?: unknown; headers?: Record<string, string>; delayMs?: number } | 'drop';

/**
 * A tiny HTTP server for the client's tests (not the simulator): each request is answered by
 * `answer`, which sees it and how many came before.
 */
export async function startLocalServer(
  answer: (request: Seen, index: number) => Answer,
): Promise<{ url: string; seen: Seen[]; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const arrived = performance.now();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: Seen = {
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization,
        body: Buffer.concat(chunks).toString('utf8'),
        arrived,
        answered: arrived,
      };
      const reply = answer(request, seen.length);
      seen.push(request);
      const send = () => {
        request.answered = performance.now();
        if (reply === 'drop') {
          req.socket.destroy();
          return;
        }
        const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
        res.writeHead(reply.status, {
          ...(text ? { 'content-type': 'application/json' } : {}),
          ...reply.headers,
        });
        res.end(text);
      };
      if (reply !== 'drop' && reply.delayMs) setTimeout(send, reply.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
