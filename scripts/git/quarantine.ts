// History-aware rule: an address that belonged to one person is not issued to another person
// within the profile's quarantine (`limits.quarantineMonths`), so mail meant for the previous
// holder does not reach a stranger. Who held which address when comes from git history
// (walk.ts: one log pass, each agency-file version parsed once).
import { relative } from 'node:path';
import { msg } from '../i18n.js';
import { addMonths } from '../model/dates.js';
import { todayInVietnam } from '../model/status.js';
import { mailboxesOf, type MailboxKind } from '../model/mailboxes.js';
import type { Directory } from '../model/types.js';
import { foldText } from '../names/fold.js';
import { LONGEST_QUARANTINE_MONTHS } from '../profiles/index.js';
import { cite, type ProvinceProfile } from '../profiles/types.js';
import type { Finding } from '../rules/finding.js';
import { backdateFindingsFrom } from './backdate.js';
import { indexedHistory } from './history-index.js';
import { mailboxRecords } from './records.js';
import { openRepo, repoPath, type Repo } from './repo.js';
import { agenciesOf, type HistoryStep } from './walk.js';

export const QUARANTINE_RULE = 'address-quarantine';

/** One holder's tenure of one address. Dates are Vietnam calendar dates (YYYY-MM-DD). */
export interface Holding {
  address: string;
  /** Person id, or `unit:<agency>/<unit>`, `agency:<id>`, `admin:<id>` for an organisation mailbox. */
  person: string;
  kind: MailboxKind;
  name: string;
  /** Date of the commit that first gave this holder the address. */
  since: string;
  /** When the holder stopped holding it: removal/readdressing commit, or the revocation date. */
  released?: string;
  /** Date of the commit that first recorded the revocation now in force (main's date, not the author's). */
  revokedSeen?: string;
}

/** Vietnam date of an ISO timestamp with offset. */
export function commitDay(iso: string): string {
  return todayInVietnam(new Date(iso));
}

/** Who holds a mailbox: a person by id, an organisation mailbox by its stable key. */
function holderOf(r: { kind: MailboxKind; id?: string; key: string }): string {
  return r.kind === 'person' ? (r.id ?? r.key) : r.key.replace(/@.*$/, '');
}

/** Two spellings of one person's name (NFC, case, spacing and diacritics aside). */
function sameName(a: string, b: string): boolean {
  return foldText(a) === foldText(b);
}

interface Pair {
  person: string;
  kind: MailboxKind;
  name: string;
  address: string;
  /** Set when the record says revoked: its effective date, or '' when it has none. */
  revokedFrom?: string;
}

/** (holder, address) pairs in the changed files on one side of a step. */
function holderPairs(step: HistoryStep, side: 'before' | 'after'): Map<string, Pair> {
  const out = new Map<string, Pair>();
  for (const r of mailboxRecords(agenciesOf(step, side)).values()) {
    if (r.kind === 'person' && !r.id) continue;
    const person = holderOf(r);
    out.set(`${person}\u0000${r.address}`, { person, kind: r.kind, name: r.name, address: r.address, revokedFrom: r.status.state === 'revoked' ? (r.status.from ?? '') : undefined });
  }
  return out;
}

/**
 * Tenures of addresses, replayed from history steps (oldest first). A revocation releases the
 * address at the LATER of its declared date and the day the commit recording it landed: a
 * revocation merged today but dated a year back does not free the address today. A person id
 * renamed in one commit (same address, same name) keeps the tenure; an id that comes back
 * under another name after being released is another person.
 */
export function holdingsFrom(steps: Iterable<HistoryStep>): Holding[] {
  const fold = new HoldingsFold();
  for (const step of steps) fold.add(step);
  return fold.holdings();
}

/** The tenures replay as a fold whose state is plain JSON: the history index (history-index.ts) saves it at a commit and resumes from there. */
export interface HoldingsState {
  open: [string, Holding][];
  closed: Holding[];
  /** The latest step day folded so far (steps are dated no earlier than it). */
  day?: string;
  /** The month (YYYY-MM) closed tenures were last forgotten in. */
  forgotIn?: string;
}

/**
 * Tenures of addresses replayed step by step. History only grows, but a released address stops
 * mattering once every quarantine after its release has ended: closed tenures older than the
 * longest quarantine any profile sets are forgotten (once a month of history), so the state a
 * PR check loads stays the size of the directory, not of its whole past.
 */
export class HoldingsFold {
  private readonly open: Map<string, Holding>;
  private closed: Holding[];
  private day: string;
  private forgotIn: string;

  constructor(state?: HoldingsState, private readonly retainMonths = LONGEST_QUARANTINE_MONTHS) {
    this.open = new Map((state?.open ?? []).map(([k, h]) => [k, { ...h }]));
    this.closed = [...(state?.closed ?? [])];
    this.day = state?.day ?? '';
    this.forgotIn = state?.forgotIn ?? '';
  }

  add(step: HistoryStep): void {
    const { open, closed } = this;
    // Main's first-parent line is the order changes landed: a step dated before the one it
    // follows (clock skew, a forged committer date) is taken as landing on that earlier step's day.
    const day = (this.day = maxDay(commitDay(step.commit.date), this.day));
    const before = holderPairs(step, 'before');
    const after = holderPairs(step, 'after');
    const gone = [...before.keys()].filter((k) => !after.has(k));
    for (const [k, p] of after) {
      let h = open.get(k);
      if (!h && !before.has(k)) {
        // An id rename: the same live address and name left under another id in this very step
        // (a revoked holder replaced by a namesake is a new person, not a rename).
        const renamed = p.kind === 'person' ? gone.find((g) => { const o = open.get(g); return o !== undefined && o.address === p.address && o.kind === 'person' && o.released === undefined && sameName(o.name, p.name); }) : undefined;
        const prev = renamed === undefined ? undefined : open.get(renamed);
        if (prev && renamed !== undefined) {
          open.delete(renamed);
          gone.splice(gone.indexOf(renamed), 1);
        }
        open.set(k, (h = { address: p.address, person: p.person, kind: p.kind, name: p.name, since: prev?.since ?? day, released: prev?.released, revokedSeen: prev?.revokedSeen }));
      }
      if (!h) continue;
      if (p.revokedFrom === undefined) {
        h.released = undefined;
        h.revokedSeen = undefined;
        continue;
      }
      h.revokedSeen ??= day;
      const declared = p.revokedFrom || h.revokedSeen;
      h.released = declared > h.revokedSeen ? declared : h.revokedSeen;
    }
    for (const k of gone) {
      const h = open.get(k);
      if (!h) continue;
      open.delete(k);
      closed.push({ ...h, released: h.released && h.released < day ? h.released : day });
    }
    if (day.slice(0, 7) !== this.forgotIn) this.forget(day);
  }

  /**
   * Drops closed tenures no finding can ever use again. quarantineFindings flags a mailbox issued
   * on a day in [released, released + months): every tenure opened from now on is issued on `day`
   * or later (steps never go back, see add), so a tenure released more than the longest
   * quarantine before `day` matters only to an open tenure on its address issued inside that
   * window — a standing breach, kept for as long as that holder is.
   */
  private forget(day: string): void {
    this.forgotIn = day.slice(0, 7);
    const window = (h: Holding) => addMonths(h.released!, this.retainMonths);
    const stale = this.closed.filter((h) => window(h) <= day);
    if (stale.length === 0) return;
    const openSince = new Map<string, string[]>();
    for (const h of this.open.values()) openSince.set(h.address, [...(openSince.get(h.address) ?? []), h.since]);
    const keep = (h: Holding) => (openSince.get(h.address) ?? []).some((since) => since >= h.released! && since < window(h));
    const dropped = new Set(stale.filter((h) => !keep(h)));
    if (dropped.size > 0) this.closed = this.closed.filter((h) => !dropped.has(h));
  }

  /** Closed tenures first (in the order they closed), then the open ones. */
  holdings(): Holding[] {
    return [...this.closed, ...[...this.open.values()].map((h) => ({ ...h }))];
  }

  state(): HoldingsState {
    return { open: [...this.open].map(([k, h]) => [k, { ...h }]), closed: [...this.closed], day: this.day, forgotIn: this.forgotIn };
  }
}

const maxDay = (a: string, b: string) => (a > b ? a : b);

/** Makes a history iterable synchronous for holdingsFrom. */
export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/**
 * Findings for the head directory: every person whose address another person released less
 * than `quarantineMonths` before it was issued to them. Issue date = when history first shows
 * them with it, or `today` for an address not yet committed (a working-tree change).
 */
export function quarantineFindings(holdings: readonly Holding[], head: Directory, profile: ProvinceProfile, today: string): Finding[] {
  const months = profile.limits.quarantineMonths;
  const byAddress = new Map<string, Holding[]>();
  for (const h of holdings) {
    const list = byAddress.get(h.address);
    if (list) list.push(h);
    else byAddress.set(h.address, [h]);
  }
  const findings: Finding[] = [];
  for (const agency of head.agencies) {
    for (const m of mailboxesOf(agency)) {
      const exception = m.person ? m.person.exception : m.unit ? m.unit.exception : agency.exception;
      if (exception) continue; // an approved, recorded exception (RULES.md: never silent)
      if (m.person && !m.person.id) continue;
      const holder = m.person ? m.person.id : `${m.kind}:${agency.id}${m.unit ? `/${m.unit.id}` : ''}`;
      const name = m.person?.name ?? m.unit?.name ?? agency.name;
      const tenures = byAddress.get(m.address) ?? [];
      const own = tenures.filter((h) => h.person === holder).sort((a, b) => (a.since < b.since ? 1 : -1))[0];
      const issued = own?.since ?? today;
      for (const prior of tenures) {
        // Mail meant for a PERSON must not reach a stranger, a unit or an agency.
        if (prior.kind !== 'person' || prior.released === undefined) continue;
        // The same person having their address back; an id reused for someone else is not them.
        if (prior.person === holder && sameName(prior.name, name)) continue;
        const ends = addMonths(prior.released, months);
        if (prior.released > issued || issued >= ends) continue;
        const loc = m.person ? (m.person.at.mailbox ?? m.person.at.self) : m.loc;
        findings.push({
          rule: QUARANTINE_RULE,
          severity: 'error',
          file: loc.file,
          line: loc.line,
          col: loc.col,
          message: msg(
            `${m.address} đã cấp cho người khác (mã ${prior.person}, ${prior.name}) đến ${prior.released}; chưa hết ${months} tháng cách ly (đến ${ends}) khi cấp lại ngày ${issued}.`,
            `${m.address} belonged to another person (id ${prior.person}, ${prior.name}) until ${prior.released}; its ${months}-month quarantine (until ${ends}) had not ended when it was issued on ${issued}.`,
          ),
          citation: cite(profile, 'addressUnique'),
          hint: msg(
            `Chọn địa chỉ khác theo thứ tự trùng tên của quy định, hoặc ghi "exception" với văn bản chấp thuận của Sở TT&TT.`,
            `Pick another address from the regulation's collision order, or record an "exception" with the ICT department's approving letter.`,
          ),
        });
      }
    }
  }
  return findings;
}

/**
 * Quarantine and back-dated-status findings for `head`, with history read up to `rev` (HEAD when
 * judging the work tree); from the history index under `cacheDir` when given (history-index.ts).
 */
export async function historyFindings(repo: Repo, dirRel: string, head: Directory, profile: ProvinceProfile, options: { rev?: string; label: string; today: string; cacheDir?: string }): Promise<Finding[]> {
  const h = await indexedHistory(repo, dirRel, { rev: options.rev, label: options.label, cacheDir: options.cacheDir });
  return [...quarantineFindings(h.holdings, head, profile, options.today), ...backdateFindingsFrom(h.statuses, head, profile, options.today)];
}

/**
 * For `validate` on a work-tree folder: quarantine findings with history read from HEAD of the
 * repository the folder is in; [] when the folder is not in a git repository (nothing to read).
 */
export async function workTreeHistoryFindings(folderAbs: string, head: Directory, profile: ProvinceProfile, options: { cwd?: string; today?: string; cacheDir?: string } = {}): Promise<Finding[]> {
  const cwd = options.cwd ?? process.cwd();
  let repo: Repo;
  try {
    repo = await openRepo(folderAbs);
  } catch {
    return [];
  }
  const hasHead = await repo.git.raw(['rev-parse', '--verify', '--quiet', 'HEAD']).then((s) => s.trim() !== '', () => false);
  if (!hasHead) return quarantineFindings([], head, profile, options.today ?? todayInVietnam());
  const dirRel = repoPath(repo, folderAbs);
  return historyFindings(repo, dirRel, head, profile, { rev: 'HEAD', label: relative(cwd, folderAbs) || '.', today: options.today ?? todayInVietnam(), cacheDir: options.cacheDir });
}
