// The diff as it was before it was made incremental (commit 1fdf372), kept verbatim as the
// oracle for plan.test.ts: the streaming Differ must give exactly the same plans. Removals,
// decided one entry at a time, use plan.ts's removalOf.
import type { Attrs, Compiled, DesiredEntry } from '../../scripts/ldap/compile.js';
import { dnEquals, normalizeDn, parseDn } from '../../scripts/ldap/dn.js';
import { attr, dnAttributes, managedAttributes } from '../../scripts/ldap/mapping.js';
import { countRemovals, declaredAddresses, removalOf, withFormerAddresses, type ActualEntry, type AttrChange, type Change, type Counts, type DiffOptions, type Plan } from '../../scripts/ldap/plan.js';

const ignoreCase = (v: string) => v.toLowerCase();

/** Values as a comparable sorted list: DNs parsed, object classes case-insensitive, `top` implied. */
function canon(name: string, values: string[]): string[] {
  let vs = values.map((v) => v.normalize('NFC'));
  if (dnAttributes.has(name)) vs = vs.map(normalizeDn);
  if (name === 'objectClass') vs = vs.map(ignoreCase).filter((v) => v !== 'top');
  return [...new Set(vs)].sort();
}

function sameValues(name: string, a: string[] = [], b: string[] = []): boolean {
  // Fast path: identical lists (the common case of a no-op sync).
  if (a.length === b.length && a.every((v, i) => v === b[i])) return true;
  const x = canon(name, a);
  const y = canon(name, b);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** The attributes an entry has after a modifyDN with deleteOldRdn (what ldapts always sends). */
function afterRename(attrs: Attrs, oldDn: string, newDn: string): Attrs {
  const out: Attrs = Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k, [...v]]));
  const key = (type: string) => Object.keys(out).find((k) => k.toLowerCase() === type.toLowerCase()) ?? managedAttributes.find((k) => k.toLowerCase() === type.toLowerCase()) ?? type;
  for (const ava of parseDn(oldDn)[0] ?? []) {
    const k = key(ava.type);
    out[k] = (out[k] ?? []).filter((v) => v.toLowerCase() !== ava.value.toLowerCase());
    if (!out[k].length) delete out[k];
  }
  for (const ava of parseDn(newDn)[0] ?? []) {
    const k = key(ava.type);
    if (!(out[k] ?? []).some((v) => v.toLowerCase() === ava.value.toLowerCase())) out[k] = [...(out[k] ?? []), ava.value];
  }
  return out;
}

/** Attribute-level changes turning `current` into `desired`; `keep` attributes absent from desired are left alone. */
function attrChanges(desired: Attrs, current: Attrs, keep: string[] = []): AttrChange[] {
  const names = new Set([...Object.keys(desired), ...Object.keys(current).filter((k) => managedAttributes.includes(k))]);
  const out: AttrChange[] = [];
  for (const name of [...names].sort()) {
    const before = current[name] ?? [];
    let after = desired[name] ?? [];
    // Object classes are only added (an adopted entry keeps its own classes).
    if (name === 'objectClass') after = [...after, ...before.filter((c) => !after.some((a) => a.toLowerCase() === c.toLowerCase()))];
    if (!after.length && keep.includes(name)) continue;
    if (!sameValues(name, before, after)) out.push({ attr: name, before, after });
  }
  return out;
}

const depths = new Map<string, number>();

/** Number of RDNs (cached: sorts ask for the same DN many times). */
function depth(dn: string): number {
  let d = depths.get(dn);
  if (d === undefined) {
    if (depths.size > 500_000) depths.clear();
    d = parseDn(dn).length;
    depths.set(dn, d);
  }
  return d;
}

function update(d: DesiredEntry, a: ActualEntry): Change | undefined {
  const newDn = dnEquals(a.dn, d.dn) ? undefined : d.dn;
  const current = newDn ? afterRename(a.attrs, a.dn, newDn) : a.attrs;
  const mods = attrChanges(d.attrs, current, d.keep);
  if (!newDn && !mods.length) return undefined;
  return { action: 'update', id: d.id, rank: d.rank, dn: a.dn, ...(newDn ? { newDn } : {}), mods };
}

// Removals are one entry at a time (no streaming question): the reference uses plan.ts's own.
const removal = removalOf;

export function referenceDiff(compiled: Compiled, actual: ActualEntry[], o: DiffOptions): Plan {
  const warnings: string[] = [];
  const byId = new Map<string, ActualEntry>();
  for (const a of [...actual].sort((x, y) => depth(x.dn) - depth(y.dn) || (x.dn < y.dn ? -1 : 1))) {
    const id = a.attrs[attr.id]?.[0];
    if (!id) continue;
    if (byId.has(id)) warnings.push(`duplicate danhbaId "${id}" at ${a.dn} (left untouched; the entry at ${byId.get(id)!.dn} is managed)`);
    else byId.set(id, a);
  }
  const changes: Change[] = [];
  const declared = declaredAddresses(compiled);
  const desiredIds = new Set<string>();
  for (const d of compiled.entries) {
    desiredIds.add(d.id);
    const a = byId.get(d.id);
    if (!a) changes.push({ action: 'create', id: d.id, rank: d.rank, dn: d.dn, attrs: d.attrs, mods: [] });
    else {
      const c = update(withFormerAddresses(d, a, o, declared), a);
      if (c) changes.push(c);
    }
  }
  const removals: Change[] = [];
  for (const [id, a] of byId) {
    if (desiredIds.has(id)) continue;
    const c = removal(id, a, compiled.baseDN, o);
    if (c) removals.push(c);
  }
  // Parents before children; removals last, children before parents.
  changes.sort((x, y) => x.rank - y.rank || depth(x.newDn ?? x.dn) - depth(y.newDn ?? y.dn));
  removals.sort((x, y) => depth(y.dn) - depth(x.dn) || (x.action === y.action ? 0 : x.action === 'disable' ? -1 : 1));
  const all = [...changes, ...removals];
  const counts: Counts = {
    create: all.filter((c) => c.action === 'create').length,
    modify: all.filter((c) => c.action === 'update' && c.mods.length).length,
    rename: all.filter((c) => c.action === 'update' && c.newDn).length,
    disable: all.filter((c) => c.action === 'disable').length,
    delete: all.filter((c) => c.action === 'delete').length,
  };
  return {
    baseDN: compiled.baseDN,
    ...(o.baseExists ? {} : { createBase: compiled.base }),
    changes: all,
    managed: byId.size,
    removals: countRemovals(all),
    purges: counts.delete,
    counts,
    warnings,
  };
}
