// Who may post to an agency list, as a Postfix policy service (SMTPD_POLICY_README). For a
// message to a list address (restriction class danhba_list_senders, config.ts) Postfix asks
// whether the logged-in sender may post; the answer comes from the synced LDAP: the list's group
// entry names its managers in `owner` — the agency mailbox and the staff the head authorised
// (Cần Thơ Điều 11.5; ldap/compile.ts groupEntry). Only they may post; anyone else logged in
// gets 554 5.7.1, with no login there is no asking at all (the class rejects it).
//
// One LDAP connection per question, every call with a timeout (ldap/client.ts). When LDAP cannot
// answer, the answer is a temporary refusal (Postfix keeps the message and retries), never a pass.
// Replies are ASCII (smtputf8 is off): the Vietnamese is written without diacritics.
import { createServer, type Server, type Socket } from 'node:net';
import { AndFilter, EqualityFilter, type Filter } from 'ldapts';
import { connect, type Connection } from '../ldap/client.js';
import { dnEquals } from '../ldap/dn.js';
import { attr, objectClasses } from '../ldap/mapping.js';

export interface ListPolicyOptions {
  /** The mail servers' read-only account and the LDAP servers it reads. */
  ldap: Connection;
  /** Province base DN: lists and senders are looked up under it. */
  baseDN: string;
  /** What the refusal cites (ASCII): the article in force, or that it is danhba policy. */
  citation: string;
  log?: (line: string) => void;
}

export type Verdict = { action: 'DUNNO' } | { action: 'REJECT' | 'DEFER_IF_PERMIT'; text: string };

/** A Postfix policy request: name=value lines (SMTPD_POLICY_README "Protocol description"). */
export type PolicyRequest = ReadonlyMap<string, string>;

const and = (...filters: Filter[]) => new AndFilter({ filters });
const eq = (attribute: string, value: string) => new EqualityFilter({ attribute, value });

/** ASCII for an SMTP reply: Vietnamese letters without their marks, anything else outside printable ASCII dropped. */
export function smtpText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '');
}

/** The answer for one request: DUNNO lets the class go on (permit_sasl_authenticated). */
export async function listVerdict(o: ListPolicyOptions, request: PolicyRequest): Promise<Verdict> {
  const recipient = (request.get('recipient') ?? '').toLowerCase();
  const login = (request.get('sasl_username') ?? '').toLowerCase();
  const refuse: Verdict = {
    action: 'REJECT',
    text: smtpText(`5.7.1 Chi hop thu cua co quan va nguoi duoc Thu truong uy quyen duoc gui den danh sach nay / only the agency mailbox and the staff its head authorised may post to this list (${o.citation})`),
  };
  if (!recipient) return { action: 'DUNNO' };
  let client;
  try {
    client = await connect(o.ldap);
    const lists = await client.search(o.baseDN, { scope: 'sub', filter: and(eq('objectClass', objectClasses.managed), eq('objectClass', 'groupOfNames'), eq(attr.aliases, recipient)), attributes: [attr.owner], sizeLimit: 2 });
    if (lists.searchEntries.length !== 1) return { action: 'DUNNO' }; // not a list: the class decides
    if (!login) return refuse;
    const owners = [lists.searchEntries[0][attr.owner] ?? []].flat().map(String);
    const senders = await client.search(o.baseDN, { scope: 'sub', filter: and(eq('objectClass', objectClasses.managed), eq(attr.mail, login)), attributes: ['1.1'], sizeLimit: 2 });
    if (senders.searchEntries.length !== 1) return refuse;
    const sender = senders.searchEntries[0].dn;
    return owners.some((owner) => dnEquals(owner, sender)) ? { action: 'DUNNO' } : refuse;
  } catch (e) {
    o.log?.(`list-policy: LDAP ${(e as Error).message}`);
    return { action: 'DEFER_IF_PERMIT', text: '4.3.0 Tam thoi khong kiem tra duoc danh sach thu / the list check is temporarily unavailable' };
  } finally {
    await client?.unbind().catch(() => {});
  }
}

/** The reply line block for a verdict. */
export function policyReply(v: Verdict): string {
  return `action=${v.action}${'text' in v ? ` ${v.text}` : ''}\n\n`;
}

/** A request larger than this is not Postfix: the connection is closed. */
const MAX_REQUEST = 64 * 1024;
/** Postfix closes idle policy connections itself (max_idle 300 s); a silent one is dropped after this. */
const IDLE_MS = 330_000;

/** Requests of one connection, answered in order. */
function serve(socket: Socket, o: ListPolicyOptions): void {
  let buffer = '';
  let fields = new Map<string, string>();
  let queue = Promise.resolve();
  socket.setEncoding('utf8');
  socket.setTimeout(IDLE_MS, () => socket.destroy());
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    if (buffer.length > MAX_REQUEST) return void socket.destroy();
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      const line = buffer.slice(0, nl).replace(/\r$/, '');
      buffer = buffer.slice(nl + 1);
      if (line) {
        const eqAt = line.indexOf('=');
        if (eqAt > 0) fields.set(line.slice(0, eqAt), line.slice(eqAt + 1));
        continue;
      }
      const request = fields;
      fields = new Map();
      queue = queue.then(async () => {
        const verdict = await listVerdict(o, request);
        if (!socket.destroyed) socket.write(policyReply(verdict));
      });
    }
  });
}

/** Listen on 127.0.0.1:`port` (0: any free port); resolves once listening. */
export async function startListPolicy(o: ListPolicyOptions & { port: number; host?: string }): Promise<{ port: number; server: Server; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serve(socket, o);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : o.port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
