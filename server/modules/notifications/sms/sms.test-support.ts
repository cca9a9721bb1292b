import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GatewayRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A real HTTP server on 127.0.0.1 standing in for an SMS provider: records every request and answers with
 * what `respond` returns for it (status and JSON body).
 */
export interface GatewayPeer {
  url: string;
  host: string;
  requests: GatewayRequest[];
  respond: (request: GatewayRequest) => { status: number; body: unknown };
  close(): Promise<void>;
}

export async function startGatewayPeer(): Promise<GatewayPeer> {
  const peer: GatewayPeer = {
    url: '',
    host: '',
    requests: [],
    respond: () => ({ status: 200, body: { id: 'peer-1' } }),
    close: async () => {},
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request: GatewayRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      peer.requests.push(request);
      let answer: { status: number; body: unknown };
      try {
        answer = peer.respond(request);
      } catch (e) {
        answer = { status: 400, body: { error: e instanceof Error ? e.message : String(e) } };
      }
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  peer.host = `127.0.0.1:${port}`;
  peer.url = `http://${peer.host}/`;
  peer.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return peer;
}
