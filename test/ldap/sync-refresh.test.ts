// The RFC 4533 refresh reader (scripts/ldap/sync-refresh.ts) against a scripted server: each
// shape of answer a provider may give (deletes phase, present phase, Sync Info messages) and what
// a hostile or broken one might send instead. The real provider is in read-stamp.test.ts.
import { createServer, type Server, type Socket } from 'node:net';
import { Client } from 'ldapts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { berInteger, messageLength, octets, Reader, tlv } from '../../scripts/ldap/ber.js';
import { SearchFailed } from '../../scripts/ldap/wire-search.js';
import { refreshOnly, SYNC_REQUEST_OID } from '../../scripts/ldap/sync-refresh.js';

const STATE = '1.3.6.1.4.1.4203.1.9.1.2';
const DONE = '1.3.6.1.4.1.4203.1.9.1.3';
const INFO = '1.3.6.1.4.1.4203.1.9.1.4';
const uuid = (n: number) => Buffer.alloc(16, n);
const bool = (v: boolean) => tlv(0x01, Buffer.from([v ? 0xff : 0]));
const control = (oid: string, value: Buffer) => tlv(0x30, [octets(oid), octets(value)]);
const message = (id: number, op: Buffer, controls?: Buffer[]) => tlv(0x30, [berInteger(0x02, id), op, ...(controls ? [tlv(0xa0, controls)] : [])]);
const entry = (id: number, dn: string, state: number, n: number) =>
  message(id, tlv(0x64, [octets(dn), tlv(0x30, [tlv(0x30, [octets('cn'), tlv(0x31, [octets('x')])])])]), [control(STATE, tlv(0x30, [tlv(0x0a, Buffer.from([state])), octets(uuid(n))]))]);
const info = (id: number, value: Buffer, name = INFO) => message(id, tlv(0x79, [octets(name, 0x80), octets(value, 0x81)]));
const done = (id: number, code = 0, value?: Buffer) => message(id, tlv(0x65, [tlv(0x0a, Buffer.from([code])), octets(''), octets('')]), value ? [control(DONE, value)] : undefined);
const doneValue = (cookie: string | Buffer | undefined, refreshDeletes: boolean) => tlv(0x30, [...(cookie !== undefined ? [octets(cookie)] : []), ...(refreshDeletes ? [bool(true)] : [])]);

/** What the scripted server answers a search with, given its message id; it also records the request. */
let answer: (id: number) => Buffer[] = () => [];
let lastSearch: Buffer | undefined;
let server: Server;
let port = 0;
const sockets: Socket[] = [];

beforeAll(async () => {
  server = createServer((s) => {
    sockets.push(s);
    let pending = Buffer.alloc(0);
    s.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        const len = messageLength(pending, 0);
        if (len < 0 || len > pending.length) break;
        const r = new Reader(pending, 0, len);
        r.expect(0x30);
        const id = r.integer();
        const op = r.header();
        if (op.tag === 0x60) s.write(message(id, tlv(0x61, [tlv(0x0a, Buffer.from([0])), octets(''), octets('')]))); // bind: success
        else if (op.tag === 0x63) {
          lastSearch = Buffer.from(pending.subarray(0, len));
          for (const m of answer(id)) s.write(m);
        }
        pending = pending.subarray(len);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as { port: number }).port;
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => server.close(r));
});

let client: Client;
async function refresh(cookie?: string) {
  client = new Client({ url: `ldap://127.0.0.1:${port}`, timeout: 2000 });
  await client.bind('cn=x', 'y');
  const dns: string[] = [];
  const a = await refreshOnly(client, { base: 'dc=t', scope: 'sub', attributes: ['cn'], ...(cookie ? { cookie: Buffer.from(cookie) } : {}) }, (e) => dns.push(e.decode().dn));
  return { ...a, cookie: a.cookie?.toString(), dns };
}
afterEach(async () => {
  await client?.unbind().catch(() => {});
});

describe('refreshOnly', () => {
  it('asks with a critical Sync Request control carrying the cookie, and reads a deletes phase', async () => {
    answer = (id) => [entry(id, 'cn=a,dc=t', 1, 1), entry(id, 'cn=b,dc=t', 2, 2), entry(id, 'cn=gone,dc=t', 3, 6), info(id, tlv(0xa3, [bool(true), tlv(0x31, [octets(uuid(3)), octets(uuid(4))])])), done(id, 0, doneValue('rid=000,csn=2', true))];
    const r = await refresh('rid=000,csn=1');
    expect(r).toMatchObject({ changed: 2, deleted: 3, deletedUuids: ['06'.repeat(16), '03'.repeat(16), '04'.repeat(16)], presentPhase: false, cookie: 'rid=000,csn=2', dns: ['cn=a,dc=t', 'cn=b,dc=t'] });
    const text = lastSearch!.toString('latin1');
    expect(text).toContain(SYNC_REQUEST_OID);
    expect(text).toContain('rid=000,csn=1');
    expect(lastSearch!.includes(Buffer.from([0x01, 0x01, 0xff]))).toBe(true); // criticality TRUE
    // Still usable afterwards: the socket went back to ldapts at a message boundary.
    await expect(client.search('dc=t', { scope: 'base' })).rejects.toThrow();
  });

  it('calls a present phase one (present entries, a present id set, a refreshPresent, refreshDeletes FALSE)', async () => {
    for (const [i, shape] of [
      (id: number) => [entry(id, 'cn=a,dc=t', 0, 1), done(id, 0, doneValue('c', true))],
      (id: number) => [info(id, tlv(0xa3, [tlv(0x31, [octets(uuid(5))])])), done(id, 0, doneValue('c', true))],
      (id: number) => [info(id, tlv(0xa2, [octets('c1'), bool(false)])), done(id, 0, doneValue('c', true))],
      (id: number) => [done(id, 0, doneValue('c', false))],
    ].entries()) {
      answer = shape;
      const r = await refresh('c0');
      expect(r.presentPhase, `shape ${i}`).toBe(true);
      expect(r.changed).toBe(0);
      await client.unbind();
    }
  });

  it('keeps the newest cookie of Sync Info messages, and no cookie longer than 4 KB', async () => {
    answer = (id) => [info(id, octets('rid=000,csn=5', 0x80)), done(id, 0, doneValue(undefined, true))];
    expect((await refresh('c')).cookie).toBe('rid=000,csn=5');
    await client.unbind();
    answer = (id) => [done(id, 0, doneValue(Buffer.alloc(5000, 0x61), true))];
    expect((await refresh('c')).cookie).toBeUndefined();
  });

  it('fails on what no provider sends: no Sync Done control, a foreign intermediate response, an error code', async () => {
    answer = (id) => [done(id)];
    await expect(refresh('c')).rejects.toThrow(/without its Sync Done control/);
    answer = (id) => [info(id, octets('x'), '1.2.3.4'), done(id, 0, doneValue('c', true))];
    await expect(refresh('c')).rejects.toThrow(/unexpected intermediate response 1\.2\.3\.4/);
    answer = (id) => [done(id, 12)];
    const e = await refresh('c').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SearchFailed);
    expect((e as SearchFailed).code).toBe(12);
  });
});
