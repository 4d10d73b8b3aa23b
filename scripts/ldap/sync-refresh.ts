// The content synchronisation operation (RFC 4533) in refreshOnly mode, which an OpenLDAP
// provider serves through its syncprov overlay: "what changed under this base since the state
// this cookie names". A sync that found the server exactly as desired keeps the cookie it took
// before reading (read-stamp.ts); next time it asks only for what changed since.
//
// The server answers in one of two ways (RFC 4533 §3.3.1):
// - deletes phase (refreshDeletes TRUE): every entry changed since the cookie, then the entries
//   deleted since then, by entryUUID. What it does not name is as it was.
// - present phase: the changed entries and the entryUUID of every unchanged one; the client must
//   work out what is gone by comparing with its own copy. danhba keeps no copy: such an answer
//   is not a delta, and the caller reads everything.
import type { Client } from 'ldapts';
import { octets, Reader, tlv } from './ber.js';
import { controlsOf, converse, doneOf, SearchFailed, searchRequest, type AnswerControl } from './wire-search.js';
import { WireEntry } from './wire-entry.js';

export const SYNC_REQUEST_OID = '1.3.6.1.4.1.4203.1.9.1.1';
const SYNC_STATE_OID = '1.3.6.1.4.1.4203.1.9.1.2';
const SYNC_DONE_OID = '1.3.6.1.4.1.4203.1.9.1.3';
const SYNC_INFO_OID = '1.3.6.1.4.1.4203.1.9.1.4';

/** An OpenLDAP cookie is ~60 bytes per provider: a longer one is not kept (the older cookie stands). */
const MAX_COOKIE_BYTES = 4096;

/** More deletes than this are counted, not listed: no caller could account for them all. */
const MAX_LISTED = 10_000;

/** syncStateValue states (RFC 4533 §2.3). */
const PRESENT = 0;
const DELETE = 3;

export interface RefreshAnswer {
  /** The cookie naming the state the answer brings the client to (absent: the server gave none). */
  cookie?: Buffer;
  /** Entries changed (added or modified) since the cookie asked from: visited, not kept. */
  changed: number;
  /** Entries the server says were deleted, or moved out of the base. */
  deleted: number;
  /** Their entryUUIDs in hex (the first MAX_LISTED of them). */
  deletedUuids: string[];
  /**
   * The server answered with a present phase (it could not list deletes since the cookie):
   * what is gone cannot be told from the answer.
   */
  presentPhase: boolean;
}

function requestValue(cookie: Buffer | undefined): Buffer {
  // mode refreshOnly (1), the cookie when there is one; reloadHint FALSE (the default) is omitted.
  return tlv(0x30, [tlv(0x0a, Buffer.from([1])), ...(cookie ? [octets(cookie)] : [])]);
}

/** A BOOLEAN's value (any non-zero octet is TRUE). */
const boolean = (r: Reader) => r.bytes(0x01)[0] !== 0;

/** The sync state control of an entry: its state and entryUUID. */
function stateOf(controls: AnswerControl[]): { state: number; uuid: Buffer } | undefined {
  const value = controls.find((c) => c.oid === SYNC_STATE_OID)?.value;
  if (!value) return undefined;
  const r = new Reader(value, 0, value.length);
  r.expect(0x30);
  return { state: r.integer(0x0a), uuid: r.bytes(0x04) };
}

function keepCookie(answer: RefreshAnswer, cookie: Buffer): void {
  if (cookie.length <= MAX_COOKIE_BYTES) answer.cookie = cookie;
}

function deleted(answer: RefreshAnswer, uuid: Buffer): void {
  answer.deleted++;
  if (answer.deletedUuids.length < MAX_LISTED) answer.deletedUuids.push(uuid.toString('hex'));
}

/** Cookie and refreshDeletes of a SEQUENCE { cookie OPTIONAL, flag BOOLEAN DEFAULT <fallback> } at `r`. */
function cookieAndFlag(r: Reader, end: number, fallback: boolean): { cookie?: Buffer; flag: boolean } {
  let cookie: Buffer | undefined;
  let flag = fallback;
  if (r.pos < end && r.buf[r.pos] === 0x04) cookie = r.bytes(0x04);
  if (r.pos < end && r.buf[r.pos] === 0x01) flag = boolean(r);
  return { ...(cookie ? { cookie } : {}), flag };
}

/** A Sync Info message (RFC 4533 §2.5): a new cookie, the end of a phase, or a set of entryUUIDs. */
function infoOf(r: Reader, opEnd: number, answer: RefreshAnswer): void {
  let name = '';
  let value: Buffer | undefined;
  while (r.pos < opEnd) {
    const len = r.next();
    if (r.tag === 0x80) name = r.buf.toString('latin1', r.pos, r.pos + len);
    else if (r.tag === 0x81) value = Buffer.from(r.buf.subarray(r.pos, r.pos + len));
    r.pos += len;
  }
  if (name !== SYNC_INFO_OID || !value) throw new Error(`LDAP: unexpected intermediate response ${name || '(unnamed)'} in a sync refresh`);
  const v = new Reader(value, 0, value.length);
  const len = v.next();
  const end = v.pos + len;
  const choice = v.tag; // (reading the choice's content moves v.tag on)
  if (choice === 0x80) keepCookie(answer, Buffer.from(v.buf.subarray(v.pos, end)));
  else if (choice === 0xa1 || choice === 0xa2) {
    const { cookie } = cookieAndFlag(v, end, true);
    if (cookie) keepCookie(answer, cookie);
    if (choice === 0xa2) answer.presentPhase = true; // refreshPresent: a present phase took place
  } else if (choice === 0xa3) {
    const { cookie, flag } = cookieAndFlag(v, end, false);
    if (cookie) keepCookie(answer, cookie);
    const uuidsEnd = v.until(0x31);
    while (v.pos < uuidsEnd) {
      const uuid = v.bytes(0x04);
      if (flag) deleted(answer, uuid);
      else answer.presentPhase = true;
    }
  } else throw new Error(`LDAP: unknown Sync Info choice 0x${choice.toString(16)}`);
}

/**
 * Ask the server what changed under `base` since `cookie` (none: everything it holds, which
 * the caller limits with a base scope). Each changed entry is visited in its bytes with the
 * attributes asked for. Fails with SearchFailed 12 (unavailableCriticalExtension) where the
 * server has no syncprov, and 4096 (e-syncRefreshRequired) where it wants a full reload.
 */
export function refreshOnly(
  client: Client,
  o: { base: string; scope: 'base' | 'sub'; attributes: readonly string[]; cookie?: Buffer },
  visit: (e: WireEntry) => void,
): Promise<RefreshAnswer> {
  const answer: RefreshAnswer = { changed: 0, deleted: 0, deletedUuids: [], presentPhase: false };
  const request = (id: number) =>
    searchRequest(id, { base: o.base, scope: o.scope, filter: { present: 'objectClass' }, attributes: o.attributes }, [{ oid: SYNC_REQUEST_OID, critical: true, value: requestValue(o.cookie) }]);
  return converse(client, 'sync refresh', request, (m) => {
    if (m.tag === 0x64) {
      const start = m.r.pos;
      m.r.pos = m.opEnd;
      const sync = stateOf(controlsOf(m.r, m.end));
      if (sync?.state === PRESENT) answer.presentPhase = true;
      else if (sync?.state === DELETE) deleted(answer, sync.uuid);
      else {
        answer.changed++;
        visit(new WireEntry(m.buf, start, m.opEnd));
      }
    } else if (m.tag === 0x79) infoOf(m.r, m.opEnd, answer);
    else if (m.tag === 0x65) {
      const done = doneOf(m.r, m.opEnd, m.end);
      if (done.code !== 0) throw new SearchFailed(done.code, done.message || `LDAP result code ${done.code}`);
      const value = done.controls.find((c) => c.oid === SYNC_DONE_OID)?.value;
      if (!value) throw new Error('LDAP: a sync refresh ended without its Sync Done control');
      const r = new Reader(value, 0, value.length);
      const end = r.until(0x30);
      const { cookie, flag } = cookieAndFlag(r, end, false);
      if (cookie) keepCookie(answer, cookie);
      // refreshDeletes FALSE: the refresh was a present phase (RFC 4533 §3.3.1).
      if (!flag) answer.presentPhase = true;
      return 'done';
    } else if (m.tag !== 0x73) throw new Error(`LDAP: unexpected operation 0x${m.tag.toString(16)} in a sync refresh`);
    return undefined;
  }).then(() => answer);
}
