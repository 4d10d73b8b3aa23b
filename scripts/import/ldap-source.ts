// An existing LDAP server → rows: every entry with a `mail` under the base, read page by page.
// The connection comes from the environment (LDAP_URL, LDAP_BIND_DN, LDAP_BIND_PASSWORD), as
// for `plan`/`apply`. Attributes per field are overridable (mapping file `attributes:`).
import type { Client, Entry } from 'ldapts';
import { DEFAULT_ATTRIBUTES } from './headers.js';
import { clean, FIELDS, type Field, type SourceRow } from './row.js';

function first(e: Entry, names: string[]): string | undefined {
  for (const n of names) {
    const key = Object.keys(e).find((k) => k.toLowerCase() === n.toLowerCase());
    if (!key) continue;
    const v = e[key];
    const x = Array.isArray(v) ? v[0] : v;
    const s = clean(Buffer.isBuffer(x) ? x.toString('utf8') : x);
    if (s !== undefined) return s;
  }
  return undefined;
}

export async function* ldapRows(client: Client, baseDN: string, attributes: Partial<Record<Field, string[]>> = {}, pageSize = 500): AsyncGenerator<SourceRow> {
  const map = { ...DEFAULT_ATTRIBUTES, ...attributes };
  const wanted = [...new Set(Object.values(map).flat())];
  for await (const page of client.searchPaginated(baseDN, { scope: 'sub', filter: '(mail=*)', attributes: wanted, paged: { pageSize }, timeLimit: 0 })) {
    for (const e of page.searchEntries) {
      const values: SourceRow['values'] = {};
      for (const f of FIELDS) {
        const v = first(e, map[f]);
        if (v !== undefined) values[f] = v;
      }
      yield { source: e.dn, where: e.dn, values };
    }
  }
}
