// Mailboxes keyed by what stays the same across revisions: a person by their stable id (never
// the address, which changes on transfer), a unit by agency and unit id, an agency by its id.
// The fields kept are the ones a reviewer cares about, flattened so a change names one field.
import { mailboxesOf, type MailboxKind, type MailboxRef } from '../model/mailboxes.js';
import type { Agency, Loc, Status } from '../model/types.js';

export interface MailboxRecord {
  key: string;
  kind: MailboxKind;
  /** Person or unit id (absent for agency and admin mailboxes). */
  id?: string;
  agency: string;
  agencyName: string;
  /** Path of the agency file as shown in findings. */
  file: string;
  address: string;
  /** Display name: the person's, unit's or agency's. */
  name: string;
  status: Status;
  /** Compared field by field; values are plain JSON. */
  fields: Record<string, unknown>;
  loc: Loc;
}

function recordKey(kind: MailboxKind, agency: string, id: string | undefined): string {
  if (kind === 'person') return `person:${id}`;
  if (kind === 'unit' || (kind === 'admin' && id)) return `${kind}:${agency}/${id}`; // a unit's admin: admin:<agency>/<unit>
  return `${kind}:${agency}`;
}

function statusFields(s: Status): Record<string, unknown> {
  return { 'status.state': s.state, 'status.from': s.from, 'status.aliasFrom': s.aliasFrom, 'status.until': s.until, 'status.forwardTo': s.forwardTo, 'status.reason': s.reason, 'status.reference': s.reference, 'status.decided': s.decided, 'status.requested': s.requested };
}

function fieldsOf(agency: Agency, m: MailboxRef): Record<string, unknown> {
  const base = { mailbox: m.address, ...statusFields(m.status) };
  if (m.person) {
    const p = m.person;
    return { ...base, agency: agency.id, name: p.name, nameParts: p.nameParts, title: p.title, unit: p.unit, phone: p.phone, employment: p.employment, public: p.public, quotaMB: p.quotaMB, exception: p.exception, legacy: p.legacy };
  }
  if (m.kind === 'admin') return base;
  if (m.unit) {
    const u = m.unit;
    return { ...base, name: u.name, publicService: u.publicService, phone: u.phone, quotaMB: u.quotaMB, exception: u.exception };
  }
  const a = agency;
  return { ...base, name: a.name, kind: a.kind, parent: a.parent, phone: a.phone, address: a.address, website: a.website, maintainers: a.maintainers, establishedBy: a.establishedBy, territory: a.territory, quotaMB: a.quotaMB, exception: a.exception };
}

/** Every mailbox of these agencies by stable key. A duplicated person id (an error the rules report) gets its agency appended so nothing is dropped. */
export function mailboxRecords(agencies: Iterable<Agency>): Map<string, MailboxRecord> {
  const out = new Map<string, MailboxRecord>();
  for (const agency of agencies) {
    for (const m of mailboxesOf(agency)) {
      let key = recordKey(m.kind, agency.id, m.person?.id ?? m.unit?.id);
      if (out.has(key)) key = `${key}@${agency.id}`;
      for (let i = 2; out.has(key); i++) key = `${key}#${i}`;
      out.set(key, {
        key,
        kind: m.kind,
        id: m.person?.id ?? m.unit?.id,
        agency: agency.id,
        agencyName: agency.name,
        file: agency.file,
        address: m.address,
        name: m.person?.name ?? m.unit?.name ?? agency.name,
        status: m.status,
        fields: fieldsOf(agency, m),
        loc: m.loc,
      });
    }
  }
  return out;
}

/** JSON with sorted keys: equal values give equal strings whatever the key order in the YAML. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v)) ?? 'undefined';
}
