// Setting passwords through LDAP: the password-modify extended operation (RFC 3062), so the
// server hashes the password and its ppolicy checks length and history; never a hash computed
// here, never the password in argv or a log.
import { Attribute, BerWriter, Change, Client, escapeFilter } from 'ldapts';
import { attr, objectClasses } from '../ldap/mapping.js';

export const PASSWORD_MODIFY_OID = '1.3.6.1.4.1.4203.1.11.1';

export interface MailboxAccount {
  dn: string;
  /** employeeType: agency, admin, unit, person. */
  kind: string;
  state: string;
  hasPassword: boolean;
  /** Its password policy entry (pwdPolicySubentry): `cn=user-hanam,…` for a territory with its own act. */
  policy?: string;
}

/** PasswdModifyRequestValue ::= SEQUENCE { userIdentity [0], oldPasswd [1], newPasswd [2] } (all optional). */
export function passwordModifyValue(o: { dn?: string; oldPassword?: string; newPassword?: string }): Buffer {
  const w = new BerWriter();
  w.startSequence();
  if (o.dn !== undefined) w.writeString(o.dn, 0x80);
  if (o.oldPassword !== undefined) w.writeString(o.oldPassword, 0x81);
  if (o.newPassword !== undefined) w.writeString(o.newPassword, 0x82);
  w.endSequence();
  return w.buffer;
}

/** The managed mailbox entry whose `mail` is `address` (not under ou=revoked). */
export async function findMailbox(client: Client, baseDN: string, address: string): Promise<MailboxAccount | undefined> {
  const value = escapeFilter`${address}`;
  const filter = `(&(objectClass=${objectClasses.managed})(objectClass=inetOrgPerson)(${attr.mail}=${value}))`;
  const { searchEntries } = await client.search(baseDN, { scope: 'sub', filter, attributes: [attr.kind, attr.state, 'userPassword', attr.policy], timeLimit: 10 });
  const live = searchEntries.filter((e) => String(e[attr.state] ?? '') !== 'revoked');
  if (live.length !== 1) return undefined;
  const e = live[0]!;
  const pw = e.userPassword;
  const policy = e[attr.policy];
  return { dn: e.dn, kind: String(e[attr.kind] ?? 'person'), state: String(e[attr.state] ?? ''), hasPassword: Array.isArray(pw) ? pw.length > 0 : pw !== undefined && pw !== '', ...(policy ? { policy: String(policy) } : {}) };
}

/**
 * Administrator sets a password: the extended operation, then `pwdReset: TRUE` so the user must
 * change it before anything else (ppolicy restricts the session; Dovecot refuses IMAP).
 */
export async function adminSetPassword(client: Client, dn: string, password: string): Promise<void> {
  await client.exop(PASSWORD_MODIFY_OID, passwordModifyValue({ dn, newPassword: password }));
  await client.modify(dn, [new Change({ operation: 'replace', modification: new Attribute({ type: 'pwdReset', values: ['TRUE'] }) })]);
}

/** A user changes their own password: bind as the user, extended operation with the old one. `url` may list several servers: the first that answers. */
export async function changeOwnPassword(url: string, dn: string, oldPassword: string, newPassword: string): Promise<void> {
  const urls = url.split(/[\s,]+/).filter(Boolean);
  let last: unknown;
  for (const u of urls) {
    const client = new Client({ url: u, connectTimeout: 10_000, timeout: 30_000 });
    try {
      await client.bind(dn, oldPassword);
      await client.exop(PASSWORD_MODIFY_OID, passwordModifyValue({ dn, oldPassword, newPassword }));
      return;
    } catch (e) {
      last = e;
      // Only an unreachable server moves on to the next; a refusal is the answer.
      if (!/ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH|connect/i.test((e as Error).message)) throw e;
    } finally {
      await client.unbind().catch(() => {});
    }
  }
  throw last;
}
