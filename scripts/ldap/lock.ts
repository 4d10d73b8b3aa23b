// A lock entry so two syncs cannot write at once. LDAP add is atomic: whoever adds
// `cn=danhba-lock,<base>` first holds the lock. A lock past its expiry, or left by a process of
// this host that is gone (or by an earlier sync of this very process), is stale and broken.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Client } from 'ldapts';
import { isCode } from './client.js';
import { dnOf, LOCK_CN } from './compile.js';
import { objectClasses } from './mapping.js';

/** Shell single quotes around a value (a DN may hold anything). */
function shellQuote(v: string): string {
  return `'${v.replace(/'/g, `'\\''`)}'`;
}

export class LockHeld extends Error {
  constructor(
    readonly owner: string,
    readonly expires: string,
    /** When the lock was taken (the entry's createTimestamp), if the server says. */
    readonly since?: string,
    readonly dn?: string,
  ) {
    const host = owner.split(':')[0];
    const clear = dn ? `ldapdelete -x -H "$LDAP_URL" -D "$LDAP_BIND_DN" -W ${shellQuote(dn)}` : '';
    super(
      `Một lần đồng bộ khác đang giữ khoá: ${owner} (máy ${host})${since ? `, từ ${since}` : ''}, hết hạn ${expires}. ` +
        `Nếu chắc chắn tiến trình đó đã dừng, xoá khoá: ${clear} — ` +
        `another sync holds the lock: ${owner} (host ${host})${since ? `, since ${since}` : ''}, expires ${expires}. ` +
        `If that process is surely gone, clear the lock: ${clear}`,
    );
  }
}

export interface Lock {
  owner: string;
  /** The lock entry's DN. */
  dn: string;
  release(): Promise<void>;
}

/** Tokens of the locks this process holds right now. */
const held = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Stale: expired, or owned by this host and the owner process is gone or no longer syncing. */
export function isStale(owner: string, expires: string, now = new Date()): boolean {
  if (!(Date.parse(expires) > now.getTime())) return true;
  const [host, pid, token] = owner.split(':');
  if (host !== hostname()) return false;
  if (Number(pid) === process.pid) return !held.has(token);
  return !isAlive(Number(pid));
}

/** GeneralizedTime (20260301083000Z) as ISO 8601. */
function isoTime(t: unknown): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/.exec(String(t ?? ''));
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z` : undefined;
}

async function readLock(client: Client, dn: string): Promise<{ owner: string; expires: string; since?: string } | undefined> {
  try {
    const r = await client.search(dn, { scope: 'base', attributes: ['danhbaLockOwner', 'danhbaLockExpires', 'createTimestamp'] });
    const e = r.searchEntries[0];
    if (!e) return undefined;
    const since = isoTime(e.createTimestamp);
    return { owner: String(e.danhbaLockOwner ?? ''), expires: String(e.danhbaLockExpires ?? ''), ...(since ? { since } : {}) };
  } catch (e) {
    if (isCode(e, 32)) return undefined;
    throw e;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Take the lock; when another live sync holds it, wait up to `waitSeconds` (default 0: fail at
 * once) polling every second, then throw LockHeld with who holds it and how to clear it.
 */
export async function acquireLock(client: Client, baseDN: string, ttlSeconds = 900, waitSeconds = 0): Promise<Lock> {
  const deadline = Date.now() + waitSeconds * 1000;
  for (;;) {
    try {
      return await tryLock(client, baseDN, ttlSeconds);
    } catch (e) {
      if (!(e instanceof LockHeld) || Date.now() >= deadline) throw e;
      await sleep(Math.min(1000, Math.max(0, deadline - Date.now())));
    }
  }
}

async function tryLock(client: Client, baseDN: string, ttlSeconds: number): Promise<Lock> {
  const dn = dnOf.lock(baseDN);
  const token = randomBytes(6).toString('hex');
  const owner = `${hostname()}:${process.pid}:${token}`;
  for (let attempt = 0; attempt < 3; attempt++) {
    const expires = new Date(Date.now() + ttlSeconds * 1000).toISOString();
    try {
      await client.add(dn, { objectClass: [...objectClasses.lock], cn: LOCK_CN, danhbaLockOwner: owner, danhbaLockExpires: expires });
      held.add(token);
      return {
        owner,
        dn,
        async release() {
          held.delete(token);
          const current = await readLock(client, dn);
          if (current?.owner === owner) await client.del(dn);
        },
      };
    } catch (e) {
      if (!isCode(e, 68)) throw e;
    }
    const current = await readLock(client, dn);
    if (!current) continue;
    if (!isStale(current.owner, current.expires)) throw new LockHeld(current.owner, current.expires, current.since, dn);
    try {
      await client.del(dn);
    } catch (e) {
      if (!isCode(e, 32)) throw e;
    }
  }
  throw new Error('could not acquire the sync lock');
}
