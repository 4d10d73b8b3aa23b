// The read of a sync that starts from a read stamp (read-stamp.ts): the server names what
// changed since the stamped state (RFC 4533, sync-refresh.ts) and only that is compared; every
// other desired entry is as the stamp proved it. When the answer cannot be accounted for, this
// gives up and the caller reads everything.
import type { Client } from 'ldapts';
import { currentCookie, readOne, Snapshot, visitChanged } from './client.js';
import { dnOf, SYNC_STATE_ID, type Compiled } from './compile.js';
import { attr, objectClasses } from './mapping.js';
import { SearchFailed } from './paged-read.js';
import { Differ, type ActualEntry, type DiffOptions, type Plan } from './plan.js';
import { modelFingerprint, type ReadStamps, type Stamp, type StampPlace } from './read-stamp.js';

export interface DeltaRead {
  plan: Plan;
  snapshot?: Snapshot;
  /** The state this read brings the comparison to. */
  cookie: Buffer;
  /** Entries compared: changed on the server since the stamp, and the commit's entry. */
  entries: number;
}

const MANAGED = objectClasses.managed.toLowerCase();
const isManaged = (a: ActualEntry) => (a.attrs.objectClass ?? []).some((c) => c.toLowerCase() === MANAGED);

/**
 * The plan from what changed since `since`, or undefined when only a full read can tell: the
 * server cannot answer (no syncprov, an unknown cookie), names a delete that was not the sync's
 * own, answers with a present phase, or changed an entry that is not a managed one where the
 * model puts it.
 */
export async function deltaRead(client: Client, compiled: Compiled, options: Omit<DiffOptions, 'baseExists'>, since: Stamp): Promise<DeltaRead | undefined> {
  const differ = new Differ(compiled, { ...options, baseExists: true });
  let takes = true;
  let entries = 0;
  let sawSyncState = false;
  /** Compares an entry the delta may take; false (and nothing more taken) at the first it may not. */
  const take = (a: ActualEntry): boolean => {
    const id = a.attrs[attr.id]?.[0];
    if (!takes || !isManaged(a) || !id || !differ.placedAsDesired(id, a.dn)) return (takes = false);
    if (id === SYNC_STATE_ID) sawSyncState = true;
    entries++;
    differ.add(a);
    return true;
  };
  let changed;
  try {
    changed = await visitChanged(client, compiled.baseDN, since.cookie, take);
  } catch (e) {
    if (e instanceof SearchFailed) return undefined;
    throw e;
  }
  const { answer } = changed;
  const own = new Set(since.ownDeletes);
  if (!takes || answer.presentPhase || answer.deleted > answer.deletedUuids.length || answer.deletedUuids.some((u) => !own.has(u))) return undefined;
  let snapshot = changed.snapshot;
  // The commit's entry is outside the stamp's fingerprint: compared on its own, every time.
  if (!sawSyncState) {
    const found = await readOne(client, dnOf.syncState(compiled.baseDN));
    if (!found) return undefined;
    if (!take(found.entry)) return undefined;
    if (found.csn) snapshot?.add(found.entry.dn, found.csn);
    else snapshot = undefined;
  }
  differ.restAsDesired();
  return { plan: { ...differ.finish(), managed: since.managed }, ...(snapshot ? { snapshot } : {}), cookie: answer.cookie ?? since.cookie, entries };
}

/**
 * One sync's use of its stamp: the fingerprint made at most once and only when needed, the
 * stamp a delta may start from, and the new one once the server is proven as desired.
 */
export class StampKeeper {
  private model?: string;
  /** Milliseconds spent on the fingerprint. */
  ms = 0;

  constructor(
    private readonly stamps: ReadStamps,
    private readonly place: StampPlace,
    private readonly compiled: Compiled,
    private readonly options: Omit<DiffOptions, 'baseExists'>,
  ) {}

  private fingerprint(): string {
    if (this.model === undefined) {
      const t = performance.now();
      this.model = modelFingerprint(this.compiled, this.options);
      this.ms += performance.now() - t;
    }
    return this.model;
  }

  /** The stamp of this server and base, when it is of today and of this model. */
  usable(): Stamp | undefined {
    const s = this.stamps.load(this.place);
    return s && s.today === this.options.today && s.model === this.fingerprint() ? s : undefined;
  }

  /** The cookie to keep before a full read (currentCookie). */
  cookieNow(client: Client): Promise<Buffer | undefined> {
    return currentCookie(client, this.compiled.baseDN);
  }

  /** Record that at `cookie` the server was as desired (`ownDeletes`: the sync's own deletes after it). */
  save(cookie: Buffer, managed: number, ownDeletes: string[] = []): void {
    this.stamps.save(this.place, { today: this.options.today, model: this.fingerprint(), cookie, managed, ownDeletes });
  }
}
