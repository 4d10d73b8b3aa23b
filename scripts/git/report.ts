// The half-yearly report of Cần Thơ QĐ 33/2015 Phụ lục II (Điều 15.1), per agency, from git:
// mailbox counts by kind at the end date, and the mailboxes created, changed and cancelled
// (revoked or removed) in the period. One history replay serves every agency of the province.
import type { Msg } from '../i18n.js';
import { grandfathered } from '../model/legacy.js';
import { mailboxesOf, type MailboxKind } from '../model/mailboxes.js';
import { effectiveState, isLive } from '../model/status.js';
import type { Agency, Status } from '../model/types.js';
import type { ChangeKind } from './changeset.js';
import { indexedHistory } from './history-index.js';
import { describeFields } from './labels.js';
import { commitDay } from './quarantine.js';
import { mailboxRecords } from './records.js';
import type { Repo } from './repo.js';
import { agenciesAt } from './walk.js';

export type ReportList = 'created' | 'changed' | 'cancelled';

export interface ReportRow {
  list: ReportList;
  date: string;
  kind: MailboxKind;
  address: string;
  name: string;
  change: ChangeKind;
  details: string;
  /** The commit that made the change; absent for a revocation that took effect by its date. */
  commit?: string;
}

export interface AgencyCounts {
  /** People listed with a live personal mailbox. */
  staff: number;
  /** Units that are rooms/departments (phòng, ban) and public-service units (trung tâm, đơn vị sự nghiệp). */
  rooms: number;
  publicService: number;
  /** Live mailboxes (not revoked) by kind at the end date. */
  mailboxes: Record<MailboxKind, number>;
  suspended: number;
  /** Live personal mailboxes still on a grandfathered (legacy) address: what a migration has left. */
  legacy: number;
}

export interface AgencyReport {
  agency: string;
  name: string;
  mailbox: string;
  maintainers: string[];
  counts: AgencyCounts;
  rows: ReportRow[];
}

export interface ProvinceReport {
  from: string;
  to: string;
  agencies: AgencyReport[];
}

const LIST_OF: Record<ChangeKind, ReportList> = { created: 'created', changed: 'changed', forwarded: 'changed', suspended: 'changed', restored: 'changed', revoked: 'cancelled', removed: 'cancelled' };

export function countsAt(agency: Agency, day: string): AgencyCounts {
  const mailboxes: Record<MailboxKind, number> = { agency: 0, admin: 0, unit: 0, person: 0 };
  let suspended = 0;
  let legacy = 0;
  for (const m of mailboxesOf(agency)) {
    const state = effectiveState(m.status, day);
    if (!isLive(state)) continue;
    mailboxes[m.kind]++;
    if (state === 'suspended') suspended++;
    if (m.person && grandfathered(m.person)) legacy++;
  }
  const liveUnits = agency.units.filter((u) => isLive(effectiveState(u.status, day)));
  return { staff: mailboxes.person, rooms: liveUnits.filter((u) => !u.publicService).length, publicService: liveUnits.filter((u) => u.publicService).length, mailboxes, suspended, legacy };
}

/** The date a revocation written in advance takes effect, if the status says so. */
function revokedOn(s: Status): string | undefined {
  if (s.state === 'revoked') return s.from;
  if (s.state === 'forwarding') return s.until;
  return undefined;
}

export async function buildReport(repo: Repo, dirRel: string, options: { from: string; to: string; label: string; rev?: string; cacheDir?: string }): Promise<ProvinceReport> {
  const { from, to } = options;
  const files = new Map<string, string>(); // agency file → blob of its last readable version up to `to`
  const rows = new Map<string, ReportRow[]>(); // by agency id
  const add = (agency: string, row: ReportRow) => {
    const list = rows.get(agency);
    if (list) list.push(row);
    else rows.set(agency, [row]);
  };
  const history = await indexedHistory(repo, dirRel, { rev: options.rev, label: options.label, cacheDir: options.cacheDir, events: true });
  for (const step of history.events()) {
    const day = commitDay(step.commit.date);
    if (day > to) continue;
    for (const [path, blob] of step.files) {
      if (blob) files.set(path, blob);
      else files.delete(path);
    }
    if (day < from) continue;
    for (const c of step.changes) {
      if (c.change === 'removed' && alreadyCancelled(c.status, c.address, day, from, rows.get(c.agency) ?? [])) continue;
      // An absorbed province's address arrives already forwarding (a province merge): say so, it was not issued here.
      const merged = c.change === 'created' && c.status.aliasFrom ? `nhập khi sáp nhập tỉnh (${c.status.reference ?? ''}): bí danh của ${c.status.forwardTo} đến ${c.status.from}, chuyển tiếp đến ${c.status.until}` : undefined;
      const details = merged ?? (c.change === 'created' || c.change === 'removed' ? '' : describeFields(c.fields));
      add(c.agency, { list: LIST_OF[c.change], date: day, kind: c.kind, address: c.address, name: c.name, change: c.change, details, commit: step.commit.commit });
    }
  }
  const state = await agenciesAt(repo, dirRel, options.label, files);
  const agencies = [...state].sort((a, b) => (a.id < b.id ? -1 : 1));
  // Revocations written earlier that took effect inside the period (a forward's end, a dated revocation).
  for (const rec of mailboxRecords(agencies).values()) {
    const on = revokedOn(rec.status);
    if (!on || on < from || on > to) continue;
    if ((rows.get(rec.agency) ?? []).some((r) => r.list === 'cancelled' && r.address === rec.address)) continue;
    add(rec.agency, { list: 'cancelled', date: on, kind: rec.kind, address: rec.address, name: rec.name, change: 'revoked', details: `status: ${rec.status.state}${rec.status.reason ? ` (${rec.status.reason})` : ''}` });
  }
  const known = new Set(agencies.map((a) => a.id));
  const reports: AgencyReport[] = agencies.map((a) => ({ agency: a.id, name: a.name, mailbox: a.mailbox, maintainers: a.maintainers, counts: countsAt(a, to), rows: sortRows(rows.get(a.id) ?? []) }));
  // Agencies whose file was removed in the period still report what happened to them.
  for (const [id, list] of rows) {
    if (known.has(id)) continue;
    const own = list.find((r) => r.kind === 'agency');
    reports.push({ agency: id, name: own?.name ?? id, mailbox: own?.address ?? '', maintainers: [], counts: { staff: 0, rooms: 0, publicService: 0, mailboxes: { agency: 0, admin: 0, unit: 0, person: 0 }, suspended: 0, legacy: 0 }, rows: sortRows(list) });
  }
  return { from, to, agencies: reports };
}

/**
 * Whether removing an entry only cleans up a mailbox already cancelled: revoked when it was
 * removed, and that revocation is either already listed in this period or took effect before
 * it began (reported then). Counting the removal too would cancel one mailbox twice.
 */
function alreadyCancelled(status: Status, address: string, day: string, from: string, listed: readonly ReportRow[]): boolean {
  if (effectiveState(status, day) !== 'revoked') return false;
  return effectiveState(status, from) === 'revoked' || listed.some((r) => r.list === 'cancelled' && r.address === address);
}

function sortRows(rows: ReportRow[]): ReportRow[] {
  return rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.address < b.address ? -1 : 1));
}

export const LIST_LABEL: Record<ReportList, Msg> = {
  created: { vi: 'Cấp mới', en: 'Created' },
  changed: { vi: 'Thay đổi', en: 'Changed' },
  cancelled: { vi: 'Hủy bỏ', en: 'Cancelled' },
};
