import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';

export interface StaticServer {
  /** The app's URL, ending in the base path, e.g. http://127.0.0.1:41234/petal/ */
  readonly url: string;
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * Serves a built `dist/` under a sub-path on loopback, as a plain static host would: no rewrites, no
 * special headers beyond what the files need. Serving from `/petal/` rather than `/` proves the build
 * makes no root-relative requests.
 */
export async function serveStatic(options: {
  dir: string;
  base?: string;
  port?: number;
}): Promise<StaticServer> {
  const base = options.base ?? '/petal/';
  const files = sirv(options.dir, { dev: true, etag: true });
  const server: Server = createServer((request, response) => {
    const url = request.url ?? '/';
    if (!url.startsWith(base)) {
      response.writeHead(404).end('Not found');
      return;
    }
    request.url = `/${url.slice(base.length)}`;
    files(request, response, () => {
      response.writeHead(404).end('Not found');
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}${base}`,
    origin,
    close: () =>
      new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
