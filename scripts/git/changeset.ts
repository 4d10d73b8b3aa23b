// What a change between two revisions does to the mailboxes, per agency: created, changed
// (naming the fields), forwarded, suspended, revoked, restored, removed. Pure: takes two sets
// of agencies, so the PR diff, `history` and `report` all classify changes the same way.
import type { MailboxKind } from '../model/mailboxes.js';
import type { Agency, Loc, Status } from '../model/types.js';
import { mailboxRecords, stableJson, type MailboxRecord } from './records.js';

export type ChangeKind = 'created' | 'changed' | 'forwarded' | 'suspended' | 'revoked' | 'restored' | 'removed';
export const CHANGE_KINDS: readonly ChangeKind[] = ['created', 'changed', 'forwarded', 'suspended', 'revoked', 'restored', 'removed'];

export interface FieldChange {
  field: string;
  before?: unknown;
  after?: unknown;
}

export interface MailboxChange {
  /** Stable key: person:<id>, unit:<agency>/<unit>, agency:<id>, admin:<id>. */
  key: string;
  kind: MailboxKind;
  change: ChangeKind;
  /** Agency the mailbox belongs to at head (at base for a removal). */
  agency: string;
  address: string;
  /** Set when the address itself changed. */
  previousAddress?: string;
  name: string;
  /** Fields that differ; for created/removed, empty. */
  fields: FieldChange[];
  status: Status;
  /** Where the mailbox is in the head revision (base for a removal). */
  loc: Loc;
}

export interface AgencyChanges {
  agency: string;
  name: string;
  file: string;
  changes: MailboxChange[];
}

export interface Changeset {
  agencies: AgencyChanges[];
  counts: Record<ChangeKind, number>;
}

/** Classify one matched mailbox: a change of declared state wins; otherwise any field change. */
function classify(before: MailboxRecord, after: MailboxRecord): { change?: ChangeKind; fields: FieldChange[] } {
  const fields: FieldChange[] = [];
  for (const field of new Set([...Object.keys(before.fields), ...Object.keys(after.fields)])) {
    const b = before.fields[field];
    const a = after.fields[field];
    if (stableJson(b) !== stableJson(a)) fields.push({ field, before: b, after: a });
  }
  if (fields.length === 0) return { fields };
  const from = before.status.state;
  const to = after.status.state;
  if (from !== to) return { change: to === 'active' ? 'restored' : to === 'forwarding' ? 'forwarded' : to, fields };
  return { change: 'changed', fields };
}

function toChange(rec: MailboxRecord, change: ChangeKind, fields: FieldChange[], previousAddress?: string): MailboxChange {
  return { key: rec.key, kind: rec.kind, change, agency: rec.agency, address: rec.address, previousAddress, name: rec.name, fields, status: rec.status, loc: rec.loc };
}

/** Person id of a record, or undefined for unit, agency and admin mailboxes (their keys hold the agency). */
const personId = (r: MailboxRecord) => (r.kind === 'person' ? r.id : undefined);

/**
 * Pairs base and head records. A person is matched on their id, and when the id is in more
 * than one agency on a side (a transfer: the old agency keeps a forwarding entry, the new one
 * has the active entry) the entry in the SAME agency is paired first, then the rest by agency
 * id. File order never decides: a destination whose id sorts before the source's pairs the same.
 */
function pairRecords(base: Map<string, MailboxRecord>, head: Map<string, MailboxRecord>): { before?: MailboxRecord; after?: MailboxRecord }[] {
  const pairs: { before?: MailboxRecord; after?: MailboxRecord }[] = [];
  const groups = new Map<string, { base: MailboxRecord[]; head: MailboxRecord[] }>();
  const group = (key: string) => {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { base: [], head: [] }));
    return g;
  };
  for (const r of base.values()) group(personId(r) !== undefined ? `person:${personId(r)}` : r.key).base.push(r);
  for (const r of head.values()) group(personId(r) !== undefined ? `person:${personId(r)}` : r.key).head.push(r);
  const byAgency = (a: MailboxRecord, b: MailboxRecord) => (a.agency < b.agency ? -1 : a.agency > b.agency ? 1 : 0);
  for (const g of groups.values()) {
    const before = [...g.base].sort(byAgency);
    const after = [...g.head].sort(byAgency);
    for (const a of [...after]) {
      const i = before.findIndex((b) => b.agency === a.agency);
      if (i < 0) continue;
      pairs.push({ before: before[i], after: a });
      before.splice(i, 1);
      after.splice(after.indexOf(a), 1);
    }
    // What is left moved agency (same id, other file) or was created / removed.
    while (before.length && after.length) pairs.push({ before: before.shift(), after: after.shift() });
    for (const a of after) pairs.push({ after: a });
    for (const b of before) pairs.push({ before: b });
  }
  return pairs;
}

/** Mailbox-level changes between two sets of records. */
function diffRecords(base: Map<string, MailboxRecord>, head: Map<string, MailboxRecord>): { change: MailboxChange; record: MailboxRecord }[] {
  const out: { change: MailboxChange; record: MailboxRecord }[] = [];
  for (const { before, after } of pairRecords(base, head)) {
    if (after && !before) out.push({ change: toChange(after, 'created', []), record: after });
    else if (before && !after) out.push({ change: toChange(before, 'removed', []), record: before });
    else if (before && after) {
      const { change, fields } = classify(before, after);
      if (change) out.push({ change: toChange(after, change, fields, before.address !== after.address ? before.address : undefined), record: after });
    }
  }
  return out;
}

const KIND_ORDER: Record<MailboxKind, number> = { agency: 0, admin: 1, unit: 2, person: 3 };

export function diffAgencies(base: Iterable<Agency>, head: Iterable<Agency>): Changeset {
  const byAgency = new Map<string, AgencyChanges>();
  const counts = Object.fromEntries(CHANGE_KINDS.map((k) => [k, 0])) as Record<ChangeKind, number>;
  for (const { change, record } of diffRecords(mailboxRecords(base), mailboxRecords(head))) {
    let group = byAgency.get(record.agency);
    if (!group) byAgency.set(record.agency, (group = { agency: record.agency, name: record.agencyName, file: record.file, changes: [] }));
    group.changes.push(change);
    counts[change.change]++;
  }
  const agencies = [...byAgency.values()].sort((a, b) => (a.agency < b.agency ? -1 : 1));
  for (const a of agencies) a.changes.sort((x, y) => KIND_ORDER[x.kind] - KIND_ORDER[y.kind] || (x.address < y.address ? -1 : 1));
  return { agencies, counts };
}
