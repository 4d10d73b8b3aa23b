// Apply a plan: parents before children, removals last, bounded concurrency. Stops at the
// first failure and says what was applied; because the next plan is computed from what the
// server holds, a re-run converges to the same state as a clean run.
import type { Client } from 'ldapts';
import { connectionLost, explain, type LdapProblem } from './errors.js';
import { hasChildren, isCode, toLdapChanges, UnchangedSince } from './client.js';
import { dnDepth } from './dn.js';
import { SYNC_STATE_ID } from './compile.js';
import type { Change, Plan } from './plan.js';

export interface WriteOp {
  kind: 'add' | 'modify' | 'modifyDN' | 'delete';
  dn: string;
  id: string;
}

export interface ApplyOptions {
  /** Operations in flight at once (default 8; slapd has one mdb writer, more barely helps). */
  concurrency?: number;
  /** Called after every successful write (progress, tests that kill the server halfway). */
  onWrite?: (op: WriteOp) => void | Promise<void>;
  /**
   * The entryCSN an existing entry had when the plan was made: the change's first write
   * asserts it (client.ts UnchangedSince), so a write to an entry someone changed since the
   * read is refused (ASSERTION_FAILED) instead of made from a stale plan. Creates carry none
   * (an entry in the way answers 68). Later writes of the same change follow ours.
   */
  guard?: (c: Change) => string | undefined;
}

export interface ApplyResult {
  ok: boolean;
  /** LDAP write operations performed. */
  writes: number;
  createdBase: boolean;
  done: Change[];
  /** Removals not made, with why (an OU that still holds entries danhba does not manage). */
  skipped: { change: Change; reason: string }[];
  failed?: { change?: Change; error: string; problem: LdapProblem };
  /** Changes not attempted because an earlier one failed. */
  notRun: number;
}

const ENTRY_EXISTS = 68;

/** Consecutive changes that may run together: same rank and depth (or same depth for removals). */
function batches(changes: Change[], key: (c: Change) => string): Change[][] {
  const out: Change[][] = [];
  let last: string | undefined;
  for (const c of changes) {
    const k = key(c);
    if (k !== last) out.push([]);
    out[out.length - 1].push(c);
    last = k;
  }
  return out;
}

async function pool<T>(items: T[], limit: number, stop: () => boolean, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stop()) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export async function applyPlan(client: Client, plan: Plan, options: ApplyOptions = {}): Promise<ApplyResult> {
  const limit = Math.max(1, options.concurrency ?? 8);
  const result: ApplyResult = { ok: true, writes: 0, createdBase: false, done: [], skipped: [], notRun: 0 };
  const wrote = async (kind: WriteOp['kind'], dn: string, id: string) => {
    result.writes++;
    await options.onWrite?.({ kind, dn, id });
  };
  const fail = (change: Change | undefined, e: unknown) => {
    if (!result.failed) {
      const problem = explain(e, change?.newDn ?? change?.dn);
      result.failed = { ...(change ? { change } : {}), error: `${problem.text.vi} — ${problem.text.en}`, problem };
    }
    result.ok = false;
  };
  const stopped = () => !result.ok;

  async function run(c: Change, deferred?: Change[]): Promise<void> {
    try {
      if (c.action === 'create') {
        await client.add(c.dn, c.attrs ?? {});
        await wrote('add', c.dn, c.id);
      } else {
        // The assertion goes with the first write only: the later ones find our own entryCSN.
        const csn = options.guard?.(c);
        let controls = csn === undefined ? undefined : [new UnchangedSince(csn)];
        const first = () => {
          const out = controls;
          controls = undefined;
          return out;
        };
        if (c.action === 'delete') {
          await client.del(c.dn, first());
          await wrote('delete', c.dn, c.id);
        } else {
          if (c.action === 'disable' && c.newDn && (await hasChildren(client, c.dn))) {
            result.skipped.push({ change: c, reason: 'still holds entries not managed by danhba / còn mục không do danhba quản lý' });
            return;
          }
          let dn = c.dn;
          if (c.before?.length) {
            await client.modify(dn, toLdapChanges(c.before), first());
            await wrote('modify', dn, c.id);
          }
          if (c.newDn) {
            await client.modifyDN(c.dn, c.newDn, first());
            dn = c.newDn;
            await wrote('modifyDN', c.newDn, c.id);
          }
          if (c.mods.length) {
            await client.modify(dn, toLdapChanges(c.mods), first());
            await wrote('modify', dn, c.id);
          }
        }
      }
      result.done.push(c);
    } catch (e) {
      // A DN still taken by an entry that a later removal moves away: retry after removals.
      if (deferred && isCode(e, ENTRY_EXISTS) && !connectionLost(e)) deferred.push(c);
      else fail(c, e);
    }
  }

  try {
    if (plan.createBase) {
      try {
        await client.add(plan.createBase.dn, plan.createBase.attrs);
        await wrote('add', plan.createBase.dn, 'base');
        result.createdBase = true;
      } catch (e) {
        if (!isCode(e, ENTRY_EXISTS)) throw e;
      }
    }
    // The commit is recorded last, and only when everything else succeeded.
    const syncState = plan.changes.filter((c) => c.id === SYNC_STATE_ID);
    const removals = plan.changes.filter((c) => c.action === 'disable' || c.action === 'delete');
    const upserts = plan.changes.filter((c) => c.id !== SYNC_STATE_ID && c.action !== 'disable' && c.action !== 'delete');
    const deferred: Change[] = [];
    for (const batch of batches(upserts, (c) => `${c.rank}/${dnDepth(c.newDn ?? c.dn)}`)) {
      await pool(batch, limit, stopped, (c) => run(c, deferred));
      if (stopped()) break;
    }
    if (!stopped()) {
      for (const batch of batches(removals, (c) => String(dnDepth(c.dn)))) {
        await pool(batch, limit, stopped, (c) => run(c));
        if (stopped()) break;
      }
    }
    for (const c of deferred) if (!stopped()) await run(c);
    for (const c of syncState) if (!stopped()) await run(c);
  } catch (e) {
    fail(undefined, e);
  }
  const applied = new Set(result.done);
  const skipped = new Set(result.skipped.map((s) => s.change));
  result.notRun = plan.changes.filter((c) => !applied.has(c) && !skipped.has(c) && c !== result.failed?.change).length;
  return result;
}
