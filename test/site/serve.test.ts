// The static server used by `npm start`, the browser tests and the benchmark.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../scripts/site/serve.js';

let root: string;
let outside: string;
let server: StaticServer;

beforeAll(async () => {
  outside = mkdtempSync(join(tmpdir(), 'danhba-serve-'));
  root = join(outside, 'site');
  mkdirSync(join(root, 'a'), { recursive: true });
  writeFileSync(join(root, 'a', 'index.html'), '<p>Xin chào</p>');
  mkdirSync(join(root, 'p.gov.vn', 'en'), { recursive: true });
  writeFileSync(join(root, 'p.gov.vn', '404.html'), '<h1>Không tìm thấy trang</h1>');
  writeFileSync(join(root, 'p.gov.vn', 'en', '404.html'), '<h1>Page not found</h1>');
  writeFileSync(join(outside, 'secret.txt'), 'secret');
  server = await serveStatic({ root });
});
afterAll(async () => {
  await server.close();
  rmSync(outside, { recursive: true, force: true });
});

function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => ok({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts) }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('serveStatic', () => {
  it('listens on 127.0.0.1 and serves index.html of a folder, gzipped when asked', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const plain = await get('/a/');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(plain.body.toString()).toBe('<p>Xin chào</p>');
    const zipped = await get('/a/index.html', { 'accept-encoding': 'gzip' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.body).toString()).toBe('<p>Xin chào</p>');
  });

  it('never serves outside its root and only answers GET and HEAD', async () => {
    for (const path of ['/../secret.txt', '/..%2fsecret.txt', '/a/..%2f..%2fsecret.txt', '/%2e%2e/secret.txt']) {
      const r = await get(path);
      expect(r.status, path).toBe(404);
      expect(r.body.toString()).not.toContain('secret');
    }
    expect((await get('/a/index.html', {}, 'POST')).status).toBe(405);
  });

  it("sends a missing page inside a province to the province's 404 page, in its language, with status 404", async () => {
    const missing = await get('/p.gov.vn/co-quan/khongco.html');
    expect(missing.status).toBe(302);
    expect(missing.headers.location).toBe('/p.gov.vn/404.html');
    expect((await get('/p.gov.vn/en/co-quan/x/y.html')).headers.location).toBe('/p.gov.vn/en/404.html');
    const page = await get('/p.gov.vn/404.html');
    expect(page.status).toBe(404);
    expect(page.body.toString()).toBe('<h1>Không tìm thấy trang</h1>');
    expect((await get('/a/khongco.html')).status).toBe(404); // no 404 page there: plain text
  });
});
