// The mail servers' own LDAP account: read-only, never the sync account. On the project's own
// slapd (`o=danhba` holds the service accounts) the sync account creates it with a fresh random
// password; a deployment creates its own and passes it in the environment.
import { randomBytes } from 'node:crypto';
import { Attribute, Change } from 'ldapts';
import { connect, type Connection } from '../ldap/client.js';
import { MAIL_READER_DN } from '../servers/slapd-conf.js';
import { sshaHash } from '../servers/slapd.js';

export { MAIL_READER_DN };

/** Create or re-key `cn=mail,o=danhba`; returns its new password (kept out of argv and logs). */
export async function ensureMailReader(sync: Connection): Promise<{ bindDN: string; bindPassword: string }> {
  const password = randomBytes(18).toString('base64url');
  const client = await connect(sync);
  try {
    const hash = sshaHash(password);
    try {
      await client.add(MAIL_READER_DN, { objectClass: ['applicationProcess', 'simpleSecurityObject'], cn: 'mail', description: 'danhba: read-only account of the mail servers', userPassword: hash });
    } catch (e) {
      if ((e as { code?: number }).code !== 68) throw e; // 68: already exists → new password
      await client.modify(MAIL_READER_DN, [new Change({ operation: 'replace', modification: new Attribute({ type: 'userPassword', values: [hash] }) })]);
    }
  } finally {
    await client.unbind().catch(() => {});
  }
  return { bindDN: MAIL_READER_DN, bindPassword: password };
}
