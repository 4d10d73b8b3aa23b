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

/** Mailbox-level changes between two sets of records. */
function diffRecords(base: Map<string, MailboxRecord>, head: Map<string, MailboxRecord>): { change: MailboxChange; record: MailboxRecord }[] {
  const out: { change: MailboxChange; record: MailboxRecord }[] = [];
  for (const [key, after] of head) {
    const before = base.get(key);
    if (!before) {
      out.push({ change: toChange(after, 'created', []), record: after });
      continue;
    }
    const { change, fields } = classify(before, after);
    if (change) out.push({ change: toChange(after, change, fields, before.address !== after.address ? before.address : undefined), record: after });
  }
  for (const [key, before] of base) {
    if (!head.has(key)) out.push({ change: toChange(before, 'removed', []), record: before });
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
