// A search conversation on the bound ldapts client's own socket, decoded straight from the wire:
// the shared part of the paged read (paged-read.ts) and the RFC 4533 refresh (sync-refresh.ts).
//
// The connection, TLS, bind and timeouts stay ldapts's: the conversation borrows the socket
// (ldapts 8.2 internals, checked below so an upgrade fails loudly, not silently), sends its own
// SearchRequest messages and hands the socket back once the last answer is read whole. Only the
// shapes a search answer can take are decoded (RFC 4511 §4.5.2, §4.1.11, §4.13).
import type { Client } from 'ldapts';
import { berInteger, messageLength, octets, Reader, tlv } from './ber.js';

/** An LDAP result other than success, shaped like ldapts's errors (errors.ts reads `code`). */
export class SearchFailed extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export interface SearchSpec {
  base: string;
  scope: 'base' | 'sub';
  /**
   * Equality filter `(attribute=value)` or its negation; `present` is `(attribute=*)`. Nothing
   * else is needed by the sync.
   */
  filter: { attribute: string; value: string; not?: boolean } | { present: string };
  attributes: readonly string[];
}

/** One control of a request: OID, criticality and value (RFC 4511 §4.1.11). */
export interface RequestControl {
  oid: string;
  critical: boolean;
  value: Buffer;
}

export function searchRequest(id: number, s: SearchSpec, controls: RequestControl[]): Buffer {
  let filter: Buffer;
  if ('present' in s.filter) filter = octets(s.filter.present, 0x87);
  else {
    const equality = tlv(0xa3, [octets(s.filter.attribute), octets(s.filter.value)]);
    filter = s.filter.not ? tlv(0xa2, equality) : equality;
  }
  const request = tlv(0x63, [
    octets(s.base),
    tlv(0x0a, Buffer.from([s.scope === 'base' ? 0 : 2])), // scope: baseObject or wholeSubtree
    tlv(0x0a, Buffer.from([0])), // derefAliases: never
    berInteger(0x02, 0), // sizeLimit
    berInteger(0x02, 0), // timeLimit
    tlv(0x01, Buffer.from([0])), // typesOnly: false
    filter,
    tlv(0x30, s.attributes.map((a) => octets(a))),
  ]);
  const encoded = controls.map((c) => tlv(0x30, [octets(c.oid), ...(c.critical ? [tlv(0x01, Buffer.from([0xff]))] : []), octets(c.value)]));
  return tlv(0x30, [berInteger(0x02, id), request, ...(encoded.length ? [tlv(0xa0, encoded)] : [])]);
}

/** A control of an answer: its OID and value (undefined when it has none). */
export interface AnswerControl {
  oid: string;
  value?: Buffer;
}

/** The controls after a message's operation (`r` at the operation's end). */
export function controlsOf(r: Reader, msgEnd: number): AnswerControl[] {
  const out: AnswerControl[] = [];
  if (r.pos >= msgEnd) return out;
  const controlsEnd = r.until(0xa0);
  while (r.pos < controlsEnd) {
    const controlEnd = r.until(0x30);
    const oid = r.string();
    if (r.pos < controlEnd && r.buf[r.pos] === 0x01) r.bytes(0x01); // criticality
    out.push({ oid, ...(r.pos < controlEnd ? { value: r.bytes(0x04) } : {}) });
    r.pos = controlEnd;
  }
  return out;
}

/** resultCode, diagnostic and controls of a SearchResultDone (`r` at its content). */
export function doneOf(r: Reader, opEnd: number, msgEnd: number): { code: number; message: string; controls: AnswerControl[] } {
  const code = r.integer(0x0a);
  const matched = r.string();
  const message = r.string();
  r.pos = opEnd;
  return { code, message: message || matched, controls: controlsOf(r, msgEnd) };
}

/** One complete message of the answer: `r` is at its operation's content. One object, reused: valid during the step only. */
export interface AnswerMessage {
  buf: Buffer;
  r: Reader;
  tag: number;
  opEnd: number;
  end: number;
}

/**
 * What a conversation does with each message: `send` the next request (built from its
 * message id), `done` when the answer is over, or nothing to read on. Throwing ends the
 * conversation with that error (a SearchFailed at a message boundary keeps the socket).
 */
export type Step = { send: (id: number) => Buffer } | 'done' | undefined;

interface Internals {
  socket?: NodeJS.ReadWriteStream & { destroy(): void; on(e: string, f: (...a: unknown[]) => void): unknown; off(e: string, f: (...a: unknown[]) => void): unknown };
  socketDataHandler?: (data: Buffer) => void;
  _nextMessageId?: () => number;
  clientOptions?: { timeout?: number };
  messageDetailsByMessageId?: Map<string, unknown>;
}

function internals(client: Client): Required<Internals> {
  const c = client as unknown as Internals;
  if (!c.socket || typeof c.socketDataHandler !== 'function' || typeof c._nextMessageId !== 'function' || !c.messageDetailsByMessageId) {
    throw new Error('LDAP: ldapts internals changed (socket, socketDataHandler, _nextMessageId): scripts/ldap/wire-search.ts needs updating');
  }
  return { socket: c.socket, socketDataHandler: c.socketDataHandler, _nextMessageId: c._nextMessageId.bind(c), clientOptions: c.clientOptions ?? {}, messageDetailsByMessageId: c.messageDetailsByMessageId };
}

/**
 * Run a search conversation on the client's socket: `first` is the first request, `step` sees
 * every message of the answers in order. The client must be connected and bound, with nothing
 * else in flight. Each request gets the client's timeout.
 */
export function converse(client: Client, what: string, first: (id: number) => Buffer, step: (m: AnswerMessage) => Step): Promise<void> {
  const c = internals(client);
  if (c.messageDetailsByMessageId.size) throw new Error(`LDAP: ${what} started while another operation is in flight`);
  const socket = c.socket;
  const timeoutMs = c.clientOptions.timeout ?? 0;
  return new Promise<void>((resolve, reject) => {
    let pending: Buffer | undefined;
    let id = 0;
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const m: AnswerMessage = { buf: Buffer.alloc(0), r: new Reader(Buffer.alloc(0), 0, 0), tag: 0, opEnd: 0, end: 0 };
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
    const send = (request: (id: number) => Buffer) => {
      id = c._nextMessageId();
      if (timeoutMs) {
        clearTimeout(timer);
        timer = setTimeout(() => finish(new Error(`SearchRequest: Operation timed out after ${timeoutMs} ms`)), timeoutMs);
      }
      socket.write(request(id));
    };
    const onClose = () => finish(new Error(`Connection closed before message response was received (${what})`));
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
          if (msgId !== id) throw new Error(`LDAP: unexpected message ${msgId} during a ${what} (expected ${id})`);
          const opLength = r.next();
          let next: Step;
          m.buf = buf;
          m.r = r;
          m.tag = r.tag;
          m.opEnd = r.pos + opLength;
          m.end = end;
          try {
            next = step(m);
          } catch (e) {
            return finish(e, e instanceof SearchFailed && end === buf.length);
          }
          pos = end;
          if (next === 'done') {
            if (pos < buf.length) throw new Error(`LDAP: data after the end of a ${what}`);
            return finish();
          }
          if (next) send(next.send);
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
      send(first);
    } catch (e) {
      finish(e);
    }
  });
}
