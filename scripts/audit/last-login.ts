// Last login of every managed account, read from the server: OpenLDAP's `lastbind` (enabled on
// every database in servers/slapd-conf.ts) keeps `pwdLastSuccess`, the time of the last
// successful bind. An account that never logged in counts from its creation (`createTimestamp`):
// "06 tháng không đăng nhập" runs from the day the mailbox was handed over. Read page by page
// (a province has tens of thousands of accounts), with a read-only bind, from a replica when
// LDAP_REPLICA_URL is set: the audit never writes to LDAP.
import type { Client } from 'ldapts';
import { dnOf, containers } from '../ldap/compile.js';
import { isCode } from '../ldap/client.js';
import { objectClasses } from '../ldap/mapping.js';

export interface LastLogin {
  /** YYYY-MM-DD in Vietnam time. */
  date: string;
  /** Where it came from: a real login, or the account's creation (never logged in). */
  source: 'pwdLastSuccess' | 'createTimestamp';
}

export const AUDIT_PAGE_SIZE = 500;

/** LDAP GeneralizedTime (20261201093000Z, optional fraction) → the date in Vietnam (UTC+7). */
export function generalizedTimeToVietnamDate(value: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})?(\d{2})?(?:[.,]\d+)?Z$/.exec(value);
  if (!m) return undefined;
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +(m[5] ?? 0), +(m[6] ?? 0));
  if (Number.isNaN(t)) return undefined;
  return new Date(t + 7 * 3600_000).toISOString().slice(0, 10);
}

/** The last login of a mailbox from its two attributes: a login wins over the creation. */
export function lastLoginOf(pwdLastSuccess: string | undefined, createTimestamp: string | undefined): LastLogin | undefined {
  const login = pwdLastSuccess && generalizedTimeToVietnamDate(pwdLastSuccess);
  if (login) return { date: login, source: 'pwdLastSuccess' };
  const created = createTimestamp && generalizedTimeToVietnamDate(createTimestamp);
  return created ? { date: created, source: 'createTimestamp' } : undefined;
}

const first = (v: unknown): string | undefined => (Array.isArray(v) ? (v.length ? String(v[0]) : undefined) : v == null ? undefined : String(v));

/**
 * Last login by lower-cased address for every live mailbox account under the province's
 * `ou=agencies` (revoked entries are not audited). Paged; an absent tree yields an empty map.
 */
export async function readLastLogins(client: Client, baseDN: string, pageSize = AUDIT_PAGE_SIZE): Promise<Map<string, LastLogin>> {
  const out = new Map<string, LastLogin>();
  const agencies = dnOf.container(baseDN, containers.agencies);
  try {
    for await (const page of client.searchPaginated(agencies, {
      scope: 'sub',
      filter: `(&(objectClass=${objectClasses.managed})(objectClass=inetOrgPerson)(mail=*))`,
      attributes: ['mail', 'pwdLastSuccess', 'createTimestamp'],
      paged: { pageSize },
      timeLimit: 120,
    })) {
      for (const e of page.searchEntries) {
        const mail = first(e.mail);
        const last = lastLoginOf(first(e.pwdLastSuccess), first(e.createTimestamp));
        if (mail && last) out.set(mail.toLowerCase(), last);
      }
    }
  } catch (e) {
    if (isCode(e, 32)) return out; // never synced: nothing to audit
    throw e;
  }
  return out;
}
