// The thin LDAP client layer over ldapts 8.2 (ldapjs is decommissioned upstream; ldapts 9
// needs Node 22). Connection settings come from the environment only, never from files in git.
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { Attribute, BerWriter, Change as LdapChange, Client, Control, EqualityFilter, type Entry } from 'ldapts';
import type { Attrs } from './compile.js';
import { attr, canonicalAttribute, managedAttributes, objectClasses } from './mapping.js';
import { dnEquals, formatDn, parseDn } from './dn.js';
import { explain, isCode, LdapFailure, resultCode } from './errors.js';
import type { ActualEntry, AttrChange, EntryProbe } from './plan.js';
import { pagedSearchWire, SearchFailed } from './paged-read.js';
import { refreshOnly, type RefreshAnswer } from './sync-refresh.js';
import { AttributeNames, ByteList, type RawEntry, type WireEntry } from './wire-entry.js';

export interface Connection {
  url: string;
  bindDN: string;
  bindPassword: string;
  /** Upgrade ldap:// with StartTLS (ldaps:// is TLS from the start). */
  startTLS?: boolean;
  /** PEM file of the CA that signed the server certificate. */
  caFile?: string;
  /** Name the server certificate must carry, when it differs from the URL's host (e.g. a tunnel to 127.0.0.1). */
  tlsServername?: string;
  /** Milliseconds to open the connection, TLS handshake included (default 10 s). */
  connectTimeoutMs?: number;
  /** Milliseconds for each LDAP operation, bind included (default 60 s). */
  timeoutMs?: number;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_TIMEOUT_MS = 60_000;

export class ConnectionMissing extends Error {}

function seconds(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const v = env[name];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!(n > 0 && n <= 86_400)) throw new ConnectionMissing(`${name} phải là số giây > 0 / ${name} must be a number of seconds > 0 (got "${v}")`);
  return Math.round(n * 1000);
}

/**
 * LDAP_URL, LDAP_BIND_DN, LDAP_BIND_PASSWORD; LDAP_STARTTLS=1 for StartTLS; LDAP_CA_FILE for a
 * private CA; LDAP_TLS_SERVERNAME for the certificate's name; LDAP_CONNECT_TIMEOUT_SECONDS and
 * LDAP_TIMEOUT_SECONDS. Undefined when LDAP_URL is not set.
 */
export function connectionFromEnv(env: NodeJS.ProcessEnv = process.env): Connection | undefined {
  if (!env.LDAP_URL) return undefined;
  if (!env.LDAP_BIND_DN || env.LDAP_BIND_PASSWORD === undefined) {
    throw new ConnectionMissing('LDAP_URL đã đặt nhưng thiếu LDAP_BIND_DN / LDAP_BIND_PASSWORD — LDAP_URL is set but LDAP_BIND_DN / LDAP_BIND_PASSWORD are missing');
  }
  const connectTimeoutMs = seconds(env, 'LDAP_CONNECT_TIMEOUT_SECONDS');
  const timeoutMs = seconds(env, 'LDAP_TIMEOUT_SECONDS');
  return {
    url: env.LDAP_URL,
    bindDN: env.LDAP_BIND_DN,
    bindPassword: env.LDAP_BIND_PASSWORD,
    startTLS: /^(1|true|yes)$/i.test(env.LDAP_STARTTLS ?? ''),
    caFile: env.LDAP_CA_FILE || undefined,
    ...(env.LDAP_TLS_SERVERNAME ? { tlsServername: env.LDAP_TLS_SERVERNAME } : {}),
    ...(connectTimeoutMs ? { connectTimeoutMs } : {}),
    ...(timeoutMs ? { timeoutMs } : {}),
  };
}

/** A step that never settles (a TLS handshake with a server that does not speak TLS) still ends. */
async function bounded<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Drop the connection without waiting for the server (which may be the reason we stop). */
export async function closeQuietly(client: Client): Promise<void> {
  await bounded(client.unbind(), 2000, 'unbind').catch(() => {});
  // ldapts keeps the socket on a failed unbind: destroy it so the process can exit.
  (client as unknown as { socket?: { destroy(): void } }).socket?.destroy();
}

/**
 * Open, secure and bind, each step bounded in time. Any failure closes the socket (an open
 * socket keeps Node alive: the CLI hung after a wrong password) and becomes an LdapFailure that
 * says what went wrong, in words, with the server's URL.
 */
/** The servers of LDAP_URL, which may list several (space or comma separated), in order. */
export function ldapUrls(url: string): string[] {
  return url.split(/[\s,]+/).filter(Boolean);
}

/**
 * Connect and bind to the first reachable server of `c.url` (replicated providers listed in
 * order of preference); a server that is down is skipped, any other failure (credentials, TLS)
 * stops at once.
 */
export async function connect(c: Connection): Promise<Client> {
  const urls = ldapUrls(c.url);
  if (urls.length <= 1) return connectOne(c);
  let last: unknown;
  for (const url of urls) {
    try {
      return await connectOne({ ...c, url });
    } catch (e) {
      if (!(e instanceof LdapFailure) || e.problem.kind !== 'connection') throw e;
      last = e;
    }
  }
  throw last;
}

async function connectOne(c: Connection): Promise<Client> {
  let url: URL;
  try {
    url = new URL(c.url);
  } catch {
    throw new LdapFailure({ kind: 'connection', text: { vi: `LDAP_URL không hợp lệ: ${JSON.stringify(c.url)}`, en: `LDAP_URL is not a valid URL: ${JSON.stringify(c.url)}` }, environment: true, transient: false });
  }
  if (c.bindPassword === '') {
    // RFC 4513 §5.1.2: a simple bind with an empty password is an unauthenticated bind; servers
    // refuse it with varying codes (slapd: 53), so say what is wrong before asking.
    throw new LdapFailure({ kind: 'credentials', text: { vi: 'LDAP: LDAP_BIND_PASSWORD rỗng: đặt mật khẩu của tài khoản đồng bộ', en: 'LDAP: LDAP_BIND_PASSWORD is empty: set the sync account password' }, environment: true, transient: false });
  }
  const ldaps = url.protocol === 'ldaps:';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const ca = c.caFile ? [readCa(c.caFile)] : undefined;
  // The certificate is checked against this name: the URL's host unless told otherwise (Node
  // falls back to "localhost" for a StartTLS upgrade when no host is given).
  const tlsOptions = { host, ...(c.tlsServername ? { servername: c.tlsServername } : isIP(host) ? {} : { servername: host }), ...(ca ? { ca } : {}) };
  const connectTimeout = c.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const timeout = c.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // tlsOptions on the constructor make ldapts open TLS at once: only for ldaps://.
  const client = new Client({ url: c.url, connectTimeout, timeout, ...(ldaps ? { tlsOptions } : {}) });
  try {
    if (c.startTLS && !ldaps) await bounded(client.startTLS(tlsOptions), connectTimeout + timeout, 'StartTLS');
    await bounded(client.bind(c.bindDN, c.bindPassword), connectTimeout + timeout, 'bind');
    return client;
  } catch (e) {
    await closeQuietly(client);
    const p = explain(e, c.url);
    throw new LdapFailure({ ...p, environment: true });
  }
}

function readCa(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new LdapFailure({ kind: 'tls', text: { vi: `Không đọc được LDAP_CA_FILE ${file}: ${(e as Error).message}`, en: `Cannot read LDAP_CA_FILE ${file}: ${(e as Error).message}` }, environment: true, transient: false });
  }
}

function values(v: Entry[string]): string[] {
  if (typeof v === 'string') return [v];
  const list = Array.isArray(v) ? v : [v];
  const out = new Array<string>(list.length);
  for (let i = 0; i < list.length; i++) {
    const x = list[i];
    out[i] = typeof x === 'string' ? x : Buffer.isBuffer(x) ? x.toString('utf8') : String(x);
  }
  return out;
}

/** Keep only the attributes the sync manages, under their canonical names (an attribute with no values is absent). */
export function toActual(entry: Entry): ActualEntry {
  const attrs: Attrs = {};
  for (const name in entry) {
    if (name === 'dn') continue;
    const canonical = canonicalAttribute(name);
    if (canonical === undefined) continue;
    const v = entry[name];
    if (Array.isArray(v) && v.length === 0) continue;
    attrs[canonical] = values(v);
  }
  return { dn: entry.dn, attrs };
}

/**
 * What a read saw: every managed entry's DN and entryCSN (slapd changes it on every write,
 * rename included). Comparing with a fresh listing tells whether anything changed in between
 * without reading the entries again. Kept as two arrays: a map is built only when needed.
 */
/** The DN and entryCSN of every managed entry read, in the order read. */
export class Snapshot {
  /** DNs and entryCSNs as bytes, not strings (ByteList): decoded only when a write needs them. */
  private readonly dns = new ByteList();
  private readonly csns = new ByteList();

  get size(): number {
    return this.dns.length;
  }

  add(dn: string, csn: string): void {
    for (const [list, text] of [[this.dns, dn], [this.csns, csn]] as const) {
      const bytes = Buffer.from(text, 'utf8');
      list.push(bytes, 0, bytes.length);
    }
  }

  /** Record a wire entry's DN and entryCSN; false (nothing recorded) when it has no entryCSN. */
  addWire(e: WireEntry): boolean {
    if (!e.copyFirst(wireNames, CSN_INDEX, this.csns)) return false;
    e.copyDn(this.dns);
    return true;
  }

  toMap(): Map<string, string> {
    const out = new Map<string, string>();
    for (let i = 0; i < this.dns.length; i++) out.set(this.dns.at(i), this.csns.at(i));
    return out;
  }

  /** The entryCSN read for each of `dns` that the snapshot holds (DNs as the server spelled them). */
  csnsOf(dns: ReadonlySet<string>): Map<string, string> {
    const out = new Map<string, string>();
    if (!dns.size) return out;
    for (let i = 0; i < this.dns.length; i++) {
      const dn = this.dns.at(i);
      if (dns.has(dn)) out.set(dn, this.csns.at(i));
    }
    return out;
  }
}

/** The assertion control (RFC 4528): the server makes the write only if the entry matches the filter. */
export const ASSERTION_OID = '1.3.6.1.1.12';
/** Result code of a write whose assertion did not hold (RFC 4528 §3). */
export const ASSERTION_FAILED = 122;

/**
 * `(entryCSN=<csn>)` asserted on a write: slapd changes entryCSN on every write (rename
 * included), so the write goes through only if nobody wrote the entry since it was read.
 * Critical: a server that does not know the control must refuse the write, not ignore it.
 */
export class UnchangedSince extends Control {
  constructor(readonly csn: string) {
    super(ASSERTION_OID, { critical: true });
  }

  protected override writeControl(writer: BerWriter): void {
    const filter = new BerWriter();
    new EqualityFilter({ attribute: CSN, value: this.csn }).write(filter);
    writer.writeBuffer(filter.buffer, 0x04);
  }
}

/** Whether the server lists the assertion control among its supported controls (root DSE). */
export async function supportsAssertion(client: Client): Promise<boolean> {
  try {
    const r = await client.search('', { scope: 'base', filter: '(objectClass=*)', attributes: ['supportedControl'] });
    const v = r.searchEntries[0]?.supportedControl;
    return v !== undefined && values(v).includes(ASSERTION_OID);
  } catch {
    return false;
  }
}

/**
 * Entries per page. Entries are visited as they arrive (paged-read.ts), so a page is never held
 * whole; what a page costs is a round trip during which the server waits for the next request
 * and the client for the next entry. 5,000 rather than `ldapsearch`'s customary 1,000: the
 * no-op read of 100,000 entries took 1.76–1.89 s with pages of 1,000 and 1.36–1.49 s with
 * 5,000, while the `ldapsearch` dump hardly moves (1.38–1.43 s against 1.30–1.45 s; measured
 * 2026-12-02, BENCHMARKS.md). The sync account needs no size limit (LDAP-NOTES: `limits`).
 */
export const PAGE_SIZE = 5000;

/**
 * What visitManaged hands each entry to. `unchanged`, when given, is asked first, with the
 * entry still in its bytes (plan.ts EntryProbe: its id, DN and managed attributes compared
 * without making strings): it returns true when it has taken the entry as it is; otherwise the
 * entry is decoded and given to `entry`.
 */
export interface ManagedVisitor {
  entry(a: ActualEntry): void;
  unchanged?(e: EntryProbe): boolean;
}

/** The attributes a read compares (the managed ones), and entryCSN, only read. */
const wireNames = new AttributeNames(managedAttributes, ['entryCSN']);
const CSN_INDEX = wireNames.names.indexOf('entryCSN');
const ID_INDEX = wireNames.names.indexOf(attr.id);

/**
 * Visit every managed entry under the base as it arrives (collected searches cost ≈ 300 MB at
 * 100k). Returns the snapshot, or undefined when the server does not
 * give entryCSN. A base that does not exist yields nothing.
 */
export async function visitManaged(client: Client, baseDN: string, visitor: ManagedVisitor | ((a: ActualEntry) => void), pageSize = PAGE_SIZE): Promise<Snapshot | undefined> {
  const v: ManagedVisitor = typeof visitor === 'function' ? { entry: visitor } : visitor;
  let snapshot: Snapshot | undefined = new Snapshot();
  await visitWire(client, baseDN, [...managedAttributes, CSN], pageSize, (e) => {
    if (snapshot && !snapshot.addWire(e)) snapshot = undefined;
    visitEntry(v, e);
  });
  return snapshot;
}

/**
 * Every entry changed under the base since `cookie` (RFC 4533, sync-refresh.ts), decoded with
 * the managed attributes, and their snapshot; managed or not, the caller decides. `visit`
 * returns false when it needs no more: the rest of the answer is read but not decoded. Rejects
 * with SearchFailed where the server cannot answer (no syncprov: 12; a cookie it no longer knows).
 */
export async function visitChanged(client: Client, baseDN: string, cookie: Buffer, visit: (a: ActualEntry) => boolean): Promise<{ answer: RefreshAnswer; snapshot?: Snapshot }> {
  let snapshot: Snapshot | undefined = new Snapshot();
  let wanted = true;
  const answer = await refreshOnly(client, { base: baseDN, scope: 'sub', attributes: [...managedAttributes, CSN], cookie }, (e) => {
    if (!wanted) return;
    if (snapshot && !snapshot.addWire(e)) snapshot = undefined;
    wanted = visit(actualOf(e.decode()));
  });
  return { answer, ...(snapshot ? { snapshot } : {}) };
}

/** One entry by DN with the managed attributes and its entryCSN; undefined when it does not exist. */
export async function readOne(client: Client, dn: string): Promise<{ entry: ActualEntry; csn?: string } | undefined> {
  try {
    const found = (await client.search(dn, { scope: 'base', attributes: [...managedAttributes, CSN] })).searchEntries[0];
    if (!found) return undefined;
    const csn = found[CSN];
    return { entry: toActual(found), ...(typeof csn === 'string' ? { csn } : {}) };
  } catch (e) {
    if (isCode(e, 32)) return undefined;
    throw e;
  }
}

/** An entry's entryUUID as 32 lower-case hex digits (as RFC 4533 names entries), or undefined. */
export async function entryUuid(client: Client, dn: string): Promise<string | undefined> {
  const found = (await client.search(dn, { scope: 'base', attributes: ['entryUUID'] })).searchEntries[0];
  const hex = String(found?.entryUUID ?? '').replace(/-/g, '').toLowerCase();
  return /^[0-9a-f]{32}$/.test(hex) ? hex : undefined;
}

/**
 * The cookie naming the server's state under the base now (RFC 4533: a refresh of the base
 * entry alone, without a cookie), to keep before a full read; undefined where the server does
 * not offer the operation (no syncprov) or names no state.
 */
export async function currentCookie(client: Client, baseDN: string): Promise<Buffer | undefined> {
  try {
    return (await refreshOnly(client, { base: baseDN, scope: 'base', attributes: ['1.1'] }, () => {})).cookie;
  } catch (e) {
    if (e instanceof SearchFailed) return undefined;
    throw e;
  }
}

/** The EntryProbe of the entry being visited: one object, pointed at each entry in turn. */
class WireProbe implements EntryProbe {
  e!: WireEntry;
  idHash(): number | undefined {
    return this.e.firstHash(wireNames, ID_INDEX);
  }
  idIs(id: string): boolean {
    return this.e.firstIs(wireNames, ID_INDEX, id);
  }
  dnIs(dn: string): boolean {
    return this.e.dnIs(dn);
  }
  sameAs(attrs: Attrs): boolean {
    return this.e.sameAs(attrs, wireNames);
  }
}
const probe = new WireProbe();

/** One entry of a managed read to its visitor: taken as it is when `unchanged` says so, else decoded. */
export function visitEntry(v: ManagedVisitor, e: WireEntry): void {
  probe.e = e;
  if (v.unchanged?.(probe)) return;
  v.entry(actualOf(e.decode()));
}

/** Keep only the attributes the sync manages, under their canonical names. */
function actualOf(e: RawEntry): ActualEntry {
  const attrs: Attrs = {};
  for (const name in e.attrs) {
    const canonical = canonicalAttribute(name);
    if (canonical !== undefined) attrs[canonical] = e.attrs[name];
  }
  return { dn: e.dn, attrs };
}

/** Every managed entry under the base, collected. */
export async function readManaged(client: Client, baseDN: string, pageSize = PAGE_SIZE): Promise<ActualEntry[]> {
  const out: ActualEntry[] = [];
  await visitManaged(client, baseDN, (a) => out.push(a), pageSize);
  return out;
}

/** Whether the managed entries under the base are still exactly those of the snapshot (same DNs, same entryCSN). */
export async function unchangedSince(client: Client, baseDN: string, snapshot: Snapshot): Promise<boolean> {
  const before = snapshot.toMap();
  let same = 0;
  let changed = false;
  await visitWire(client, baseDN, [CSN], 1000, (e) => {
    const csn = e.first(wireNames, CSN_INDEX);
    if (csn !== undefined && before.get(e.dn) === csn) same++;
    else changed = true;
  });
  return !changed && same === before.size;
}

const CSN = 'entryCSN';

/** Page sizes tried, largest first, when a server refuses one (see visitWire). */
const SMALLER_PAGES = [1000, 500, 100];

/**
 * Every managed entry under the base as it arrives (paged-read.ts: ldapts's decoding cost 2–4×
 * the read itself). A server may cap the page size (slapd `limits … size.pr=1000` answers
 * adminLimitExceeded, "illegal pagedResults page size", before any entry): the read is asked
 * again with smaller pages, never after an entry was visited (it would be visited twice).
 */
async function visitWire(client: Client, baseDN: string, attributes: string[], pageSize: number, visit: (e: WireEntry) => void): Promise<void> {
  let visited = false;
  const sizes = [pageSize, ...SMALLER_PAGES.filter((n) => n < pageSize)];
  for (let i = 0; ; i++) {
    try {
      await pagedSearchWire(client, { base: baseDN, filter: { attribute: 'objectClass', value: objectClasses.managed }, attributes, pageSize: sizes[i] }, (e) => {
        visited = true;
        visit(e);
      });
      return;
    } catch (e) {
      if (isCode(e, 32)) return; // no such object: the base does not exist yet
      if (isCode(e, 11) && !visited && i + 1 < sizes.length) continue;
      throw e;
    }
  }
}

export async function entryExists(client: Client, dn: string): Promise<boolean> {
  try {
    const r = await client.search(dn, { scope: 'base', attributes: ['1.1'] });
    return r.searchEntries.length > 0;
  } catch (e) {
    if (isCode(e, 32)) return false;
    throw e;
  }
}

/** The suffixes the server holds (root DSE namingContexts); empty when it does not say. */
export async function namingContexts(client: Client): Promise<string[]> {
  try {
    const r = await client.search('', { scope: 'base', filter: '(objectClass=*)', attributes: ['namingContexts'] });
    const v = r.searchEntries[0]?.namingContexts;
    return v === undefined ? [] : values(v);
  } catch {
    return [];
  }
}

/** Whether `dn` is `suffix` or below it (parsed, never as text). */
export function within(dn: string, suffix: string): boolean {
  const d = parseDn(dn);
  const s = parseDn(suffix);
  if (s.length > d.length) return false;
  return dnEquals(formatDn(d.slice(d.length - s.length)), suffix);
}

/** Whether an entry has children (one is enough to know). */
export async function hasChildren(client: Client, dn: string): Promise<boolean> {
  try {
    const r = await client.search(dn, { scope: 'one', attributes: ['1.1'], sizeLimit: 1 });
    return r.searchEntries.length > 0;
  } catch (e) {
    if (isCode(e, 4)) return true; // size limit exceeded: there are children
    if (isCode(e, 32)) return false;
    throw e;
  }
}

export { isCode, resultCode };

export function toLdapChanges(mods: AttrChange[]): LdapChange[] {
  return mods.map((m) =>
    m.after.length
      ? new LdapChange({ operation: 'replace', modification: new Attribute({ type: m.attr, values: m.after }) })
      : new LdapChange({ operation: 'delete', modification: new Attribute({ type: m.attr, values: [] }) }),
  );
}
