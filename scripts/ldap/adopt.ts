// Adopting a server that already has a directory. The plan reads the whole base, not only
// managed entries: every entry danhba would create that already exists unmanaged — at the same
// DN, or with the same `mail` elsewhere — is a conflict, classified before any write. By
// default the sync refuses and lists them; with --adopt each is taken under management as the
// same entry (marker and attribute updates; a mailbox found elsewhere is moved into the DN
// scheme with modifyDN), never deleted and recreated, so passwords and mail data stay.
import type { Client } from 'ldapts';
import { canonicalAttribute, managedAttributes, objectClasses } from './mapping.js';
import { toActual } from './client.js';
import { dnEquals, normalizeDn, parseDn } from './dn.js';
import { afterRename, attrChanges, type ActualEntry, type AttrChange, type Change, type Plan } from './plan.js';
import type { Attrs } from './compile.js';

export interface Conflict {
  /** danhba id of the entry the plan would create. */
  id: string;
  /** The DN danhba would create. */
  dn: string;
  /** The unmanaged entry in the way. */
  existing: string;
  /** Same DN, or same mail at another DN. */
  kind: 'dn' | 'mail';
  /** Set when the conflict cannot be adopted (what is wrong). */
  blocked?: string;
}

/** Every entry under the base without the danhba marker: DN, object classes and the attributes the sync manages. */
export async function readUnmanaged(client: Client, baseDN: string, pageSize = 500): Promise<ActualEntry[]> {
  const out: ActualEntry[] = [];
  const filter = `(!(objectClass=${objectClasses.managed}))`;
  try {
    for await (const page of client.searchPaginated(baseDN, { scope: 'sub', filter, attributes: managedAttributes, paged: { pageSize }, timeLimit: 0 })) {
      for (const e of page.searchEntries) if (!dnEquals(e.dn, baseDN)) out.push(toActual(e));
    }
  } catch (e) {
    if ((e as { code?: number }).code === 32) return out; // no base yet: nothing in the way
    throw e;
  }
  return out;
}

const lower = (s: string) => s.toLowerCase();

/** The conflicts between the plan's creates and the unmanaged entries. */
export function findConflicts(plan: Plan, unmanaged: ActualEntry[]): Conflict[] {
  const byDn = new Map<string, ActualEntry>();
  const byMail = new Map<string, ActualEntry[]>();
  for (const u of unmanaged) {
    byDn.set(normalizeDn(u.dn), u);
    for (const m of u.attrs.mail ?? []) byMail.set(lower(m), [...(byMail.get(lower(m)) ?? []), u]);
  }
  const out: Conflict[] = [];
  const claimed = new Map<string, string>();
  for (const c of plan.changes) {
    if (c.action !== 'create') continue;
    const atDn = byDn.get(normalizeDn(c.dn));
    const mails = (c.attrs?.mail ?? []).flatMap((m) => byMail.get(lower(m)) ?? []);
    const others = mails.filter((u) => u !== atDn);
    if (!atDn && !others.length) continue;
    const existing = atDn ?? others[0];
    const conflict: Conflict = { id: c.id, dn: c.dn, existing: existing.dn, kind: atDn ? 'dn' : 'mail' };
    if (atDn && others.length) conflict.blocked = `another entry has its mail: ${others[0].dn}`;
    else if (new Set(others).size > 1) conflict.blocked = `several entries have its mail: ${others.map((u) => u.dn).join(', ')}`;
    const key = normalizeDn(existing.dn);
    if (!conflict.blocked && claimed.has(key)) conflict.blocked = `${existing.dn} is also claimed by ${claimed.get(key)}`;
    claimed.set(key, c.id);
    out.push(conflict);
  }
  return out;
}

/** The desired attributes, keeping the object classes the entry already has (adding ours). */
function withClasses(desired: Attrs, current: Attrs): Attrs {
  const had = current.objectClass ?? [];
  const extra = (desired.objectClass ?? []).filter((c) => !had.some((h) => lower(h) === lower(c)));
  return { ...desired, objectClass: [...had, ...extra] };
}

/**
 * An entry found elsewhere is often named by a required attribute (`cn=Nguyễn Văn Minh,ou=people`).
 * ldapts renames with deleteOldRdn, which would leave `cn` empty and slapd refuses; so before the
 * move such an attribute gets a second value (the id), replaced by the desired value after it.
 */
function keepRdnValues(id: string, a: ActualEntry): AttrChange[] {
  const out: AttrChange[] = [];
  for (const ava of parseDn(a.dn)[0] ?? []) {
    const name = canonicalAttribute(ava.type);
    if (!name || name === 'uid') continue; // uid is optional in inetOrgPerson, and set again after
    const values = a.attrs[name] ?? [];
    if (values.some((v) => v.toLowerCase() !== ava.value.toLowerCase())) continue;
    out.push({ attr: name, before: values, after: [...values, id] });
  }
  return out;
}

/** The plan with each conflicting create turned into an `adopt` of the entry in the way. */
export function adoptConflicts(plan: Plan, conflicts: Conflict[], unmanaged: ActualEntry[]): Plan {
  const byId = new Map(conflicts.map((c) => [c.id, c]));
  const byDn = new Map(unmanaged.map((u) => [normalizeDn(u.dn), u]));
  const changes: Change[] = plan.changes.map((c) => {
    const conflict = c.action === 'create' ? byId.get(c.id) : undefined;
    if (!conflict) return c;
    const a = byDn.get(normalizeDn(conflict.existing))!;
    const newDn = dnEquals(a.dn, c.dn) ? undefined : c.dn;
    const before = newDn ? keepRdnValues(c.id, a) : [];
    const had = before.length ? { ...a.attrs, ...Object.fromEntries(before.map((m) => [m.attr, m.after])) } : a.attrs;
    const current = newDn ? afterRename(had, a.dn, newDn) : had;
    return { action: 'adopt', id: c.id, rank: c.rank, dn: a.dn, ...(newDn ? { newDn } : {}), ...(before.length ? { before } : {}), mods: attrChanges(withClasses(c.attrs ?? {}, current), current) };
  });
  const adopted = changes.filter((c) => c.action === 'adopt').length;
  return { ...plan, changes, counts: { ...plan.counts, create: plan.counts.create - adopted, adopt: adopted } };
}
