// A tiny static file server on 127.0.0.1 for `npm start`, the browser tests and the benchmark:
// GET/HEAD only, no directory listing, no path escaping the root, gzip when the client accepts it;
// a missing page inside a province goes to that province's 404 page.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { createGzip } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.vcf': 'text/vcard; charset=utf-8',
};

export interface StaticServer {
  /** Base URL, e.g. http://127.0.0.1:8080/ */
  url: string;
  port: number;
  close(): Promise<void>;
  /** Paths served so far (for tests and the benchmark). */
  served: string[];
}

export interface ServeOptions {
  root: string;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
}

async function resolveFile(root: string, urlPath: string): Promise<string | undefined> {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    return undefined;
  }
  const file = normalize(join(root, rel));
  if (file !== root && !file.startsWith(root + sep)) return undefined;
  try {
    const s = await stat(file);
    if (s.isFile()) return file;
    if (s.isDirectory()) {
      const index = join(file, 'index.html');
      if ((await stat(index)).isFile()) return index;
    }
  } catch {
    /* not found */
  }
  return undefined;
}

export async function serveStatic(opts: ServeOptions): Promise<StaticServer> {
  const root = resolve(opts.root);
  const served: string[] = [];
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const file = await resolveFile(root, path);
    if (!file) {
      // Inside a province, send the reader to its not-found page (its links are relative to the
      // province folder, so it is shown there, with status 404).
      const m = /^\/([a-z0-9.-]+)\/(en\/)?/.exec(path);
      const notFound = m ? `/${m[1]}/${m[2] ?? ''}404.html` : undefined;
      if (notFound && notFound !== path && (await resolveFile(root, notFound))) {
        res.writeHead(302, { location: notFound, 'cache-control': 'no-cache' }).end();
        return;
      }
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Không tìm thấy / not found\n');
      return;
    }
    served.push(path);
    const status = path.endsWith('/404.html') ? 404 : 200;
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const headers: Record<string, string> = {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    };
    if (gzip) headers['content-encoding'] = 'gzip';
    res.writeHead(status, headers);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(file);
    (gzip ? stream.pipe(createGzip()) : stream).pipe(res);
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(500).end());
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, host, ok);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}/`,
    port,
    served,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
