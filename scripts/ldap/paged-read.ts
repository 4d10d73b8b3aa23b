// A paged subtree search decoded straight from the wire, for the sync's full reads.
//
// Why not ldapts's searchPaginated: it builds a message object, an Attribute object and a
// Buffer per value, then an entry object per entry; at 10,000 entries that alone took
// 320–500 ms against 0.2 s for `ldapsearch` dumping the same attributes (measured, see
// BENCHMARKS.md). Here the caller sees each entry as soon as its message is complete, still
// in its bytes (wire-entry.ts): decoded to strings once, or compared byte for byte without
// making any (nothing is collected per page).
//
// The connection, TLS, bind and timeouts stay ldapts's: the search borrows the bound client's
// socket (ldapts 8.2 internals, checked below so an upgrade fails loudly, not silently), sends
// its own SearchRequest messages and hands the socket back when the last page is done. Only
// the shapes a search answer can take are decoded (RFC 4511 §4.5.2, §4.1.11; paged results
// RFC 2696); anything else is an error.
import type { Client } from 'ldapts';
import { berInteger, messageLength, octets, Reader, tlv } from './ber.js';
import { WireEntry, type RawEntry } from './wire-entry.js';

export type { RawEntry };

export interface PagedSearch {
  base: string;
  /** Equality filter `(attribute=value)`, or its negation; nothing else is needed by the sync. */
  filter: { attribute: string; value: string; not?: boolean };
  attributes: readonly string[];
  pageSize: number;
}

/** An LDAP result other than success, shaped like ldapts's errors (errors.ts reads `code`). */
export class SearchFailed extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

interface Internals {
  socket?: NodeJS.ReadWriteStream & { destroy(): void; on(e: string, f: (...a: unknown[]) => void): unknown; off(e: string, f: (...a: unknown[]) => void): unknown };
  socketDataHandler?: (data: Buffer) => void;
  _nextMessageId?: () => number;
  clientOptions?: { timeout?: number };
  messageDetailsByMessageId?: Map<string, unknown>;
}

const PAGED_OID = '1.2.840.113556.1.4.319';

export function searchRequest(id: number, s: PagedSearch, cookie: Buffer): Buffer {
  const equality = tlv(0xa3, [octets(s.filter.attribute), octets(s.filter.value)]);
  const filter = s.filter.not ? tlv(0xa2, equality) : equality;
  const request = tlv(0x63, [
    octets(s.base),
    tlv(0x0a, Buffer.from([2])), // scope: wholeSubtree
    tlv(0x0a, Buffer.from([0])), // derefAliases: never
    berInteger(0x02, 0), // sizeLimit
    berInteger(0x02, 0), // timeLimit
    tlv(0x01, Buffer.from([0])), // typesOnly: false
    filter,
    tlv(0x30, s.attributes.map((a) => octets(a))),
  ]);
  const paged = tlv(0x30, [octets(PAGED_OID), octets(tlv(0x30, [berInteger(0x02, s.pageSize), octets(cookie)]))]);
  return tlv(0x30, [berInteger(0x02, id), request, tlv(0xa0, paged)]);
}

/** resultCode, diagnostic and the paged cookie of a SearchResultDone. */
function doneOf(r: Reader, opEnd: number, msgEnd: number): { code: number; message: string; cookie?: Buffer } {
  const code = r.integer(0x0a);
  const matched = r.string();
  const message = r.string();
  r.pos = opEnd;
  let cookie: Buffer | undefined;
  if (r.pos < msgEnd) {
    const controlsEnd = r.until(0xa0);
    while (r.pos < controlsEnd) {
      const controlEnd = r.until(0x30);
      const oid = r.string();
      if (r.pos < controlEnd && r.buf[r.pos] === 0x01) r.bytes(0x01); // criticality
      if (oid === PAGED_OID && r.pos < controlEnd) {
        const value = r.bytes(0x04);
        const v = new Reader(value, 0, value.length);
        v.expect(0x30);
        v.integer();
        cookie = v.bytes();
      }
      r.pos = controlEnd;
    }
  }
  return { code, message: message || matched, cookie };
}

function internals(client: Client): Required<Internals> {
  const c = client as unknown as Internals;
  if (!c.socket || typeof c.socketDataHandler !== 'function' || typeof c._nextMessageId !== 'function' || !c.messageDetailsByMessageId) {
    throw new Error('LDAP: ldapts internals changed (socket, socketDataHandler, _nextMessageId): scripts/ldap/paged-read.ts needs updating');
  }
  return { socket: c.socket, socketDataHandler: c.socketDataHandler, _nextMessageId: c._nextMessageId.bind(c), clientOptions: c.clientOptions ?? {}, messageDetailsByMessageId: c.messageDetailsByMessageId };
}

/** Every entry of a paged subtree search, decoded, in the order the server sends them (see pagedSearchWire). */
export function pagedSearch(client: Client, s: PagedSearch, visit: (e: RawEntry) => void): Promise<void> {
  return pagedSearchWire(client, s, (e) => visit(e.decode()));
}

/**
 * Every entry of a paged subtree search, visited in the order the server sends them, still in
 * its bytes (wire-entry.ts). The client must be connected and bound, with nothing else in
 * flight. Result codes other than success reject with a SearchFailed carrying the code (32:
 * the base does not exist).
 */
export function pagedSearchWire(client: Client, s: PagedSearch, visit: (e: WireEntry) => void): Promise<void> {
  const c = internals(client);
  if (c.messageDetailsByMessageId.size) throw new Error('LDAP: paged read started while another operation is in flight');
  const socket = c.socket;
  const timeoutMs = c.clientOptions.timeout ?? 0;
  return new Promise<void>((resolve, reject) => {
    let pending: Buffer | undefined;
    let id = 0;
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    /** `atBoundary`: the last message was read whole, so the socket can go back to ldapts. */
    const finish = (e?: unknown, atBoundary = !e) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.off('data', onData as (...a: unknown[]) => void);
      socket.off('close', onClose);
      if (atBoundary) socket.on('data', c.socketDataHandler as (...a: unknown[]) => void);
      else socket.destroy(); // mid-message, or a protocol error: the stream cannot be handed back
      if (e) reject(e);
      else resolve();
    };
    const send = (cookie: Buffer) => {
      id = c._nextMessageId();
      if (timeoutMs) {
        clearTimeout(timer);
        timer = setTimeout(() => finish(new Error(`SearchRequest: Operation timed out after ${timeoutMs} ms`)), timeoutMs);
      }
      socket.write(searchRequest(id, s, cookie));
    };
    const onClose = () => finish(new Error('Connection closed before message response was received (paged search)'));
    const onData = (chunk: Buffer) => {
      try {
        let buf = pending ? Buffer.concat([pending, chunk]) : chunk;
        let pos = 0;
        for (;;) {
          const len = messageLength(buf, pos);
          if (len < 0 || pos + len > buf.length) break;
          const end = pos + len;
          const r = new Reader(buf, pos, end);
          r.expect(0x30);
          const msgId = r.integer();
          if (msgId !== id) throw new Error(`LDAP: unexpected message ${msgId} during a paged search (expected ${id})`);
          const op = r.header();
          const opEnd = r.pos + op.len;
          if (op.tag === 0x64) visit(new WireEntry(buf, r.pos, opEnd));
          else if (op.tag === 0x65) {
            const done = doneOf(r, opEnd, end);
            pos = end;
            if (done.code !== 0) return finish(new SearchFailed(done.code, done.message || `LDAP result code ${done.code}`), pos === buf.length);
            if (done.cookie?.length) send(done.cookie);
            else {
              if (pos < buf.length) throw new Error('LDAP: data after the last page of a paged search');
              return finish();
            }
            continue;
          } else if (op.tag !== 0x73) throw new Error(`LDAP: unexpected operation 0x${op.tag.toString(16)} in a search answer`);
          pos = end;
        }
        pending = pos < buf.length ? buf.subarray(pos) : undefined;
        if (pending && pending.length < 4096) pending = Buffer.from(pending); // do not pin a large chunk for a small remainder
        buf = undefined as unknown as Buffer;
      } catch (e) {
        finish(e);
      }
    };
    socket.off('data', c.socketDataHandler as (...a: unknown[]) => void);
    socket.on('data', onData as (...a: unknown[]) => void);
    socket.on('close', onClose);
    try {
      send(Buffer.alloc(0));
    } catch (e) {
      finish(e);
    }
  });
}
