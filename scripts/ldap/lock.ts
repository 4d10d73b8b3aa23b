// A lock entry so two syncs cannot write at once. LDAP add is atomic: whoever adds
// `cn=danhba-lock,<base>` first holds the lock. A lock past its expiry, or left by a process of
// this host that is gone (or by an earlier sync of this very process), is stale and broken.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Client } from 'ldapts';
import { isCode } from './client.js';
import { dnOf, LOCK_CN } from './compile.js';
import { objectClasses } from './mapping.js';

export class LockHeld extends Error {
  constructor(
    readonly owner: string,
    readonly expires: string,
  ) {
    super(`Một lần đồng bộ khác đang chạy (${owner}, hết hạn ${expires}) — another sync holds the lock (${owner}, expires ${expires})`);
  }
}

export interface Lock {
  owner: string;
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

async function readLock(client: Client, dn: string): Promise<{ owner: string; expires: string } | undefined> {
  try {
    const r = await client.search(dn, { scope: 'base', attributes: ['danhbaLockOwner', 'danhbaLockExpires'] });
    const e = r.searchEntries[0];
    if (!e) return undefined;
    return { owner: String(e.danhbaLockOwner ?? ''), expires: String(e.danhbaLockExpires ?? '') };
  } catch (e) {
    if (isCode(e, 32)) return undefined;
    throw e;
  }
}

export async function acquireLock(client: Client, baseDN: string, ttlSeconds = 900): Promise<Lock> {
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
    if (!isStale(current.owner, current.expires)) throw new LockHeld(current.owner, current.expires);
    try {
      await client.del(dn);
    } catch (e) {
      if (!isCode(e, 32)) throw e;
    }
  }
  throw new Error('could not acquire the sync lock');
}
