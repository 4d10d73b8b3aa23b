// Read stamps: what lets a sync read only what changed on the server (sync-refresh.ts) instead
// of every managed entry.
//
// A stamp says: "at the server state this RFC 4533 cookie names, every entry under the base was
// as this model wants it, on this day". It is written only when that was proven: a read that
// planned nothing, or a plan applied whole. Next time, with the same key (server, account,
// base, day, model, danhba's own code), the entries the server says changed since the cookie
// are the only ones to compare; the others are still as they were, so still as desired. Anything
// the answer cannot account for (a delete, a present phase, an entry not managed or not where
// the model puts it) falls back to the full read, which writes a new stamp.
//
// The day is part of the key, so there is a full read at least once a day: retention and
// former-address ends are counted in days (plan.ts), and that read also bounds what an
// unforeseen gap could hide. Stamps live in a folder the CI keeps between runs (actions/cache);
// each is signed with a key derived from the bind password, so a stamp nobody holding the
// password wrote is refused, not trusted.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Compiled } from './compile.js';
import type { DiffOptions } from './plan.js';

const FORMAT = 1;

/** What a stamp is valid for: any difference means a full read. */
export interface StampKey {
  url: string;
  bindDN: string;
  baseDN: string;
  today: string;
  /** modelFingerprint(): the compiled entries and the options the plan depends on. */
  model: string;
}

/** The proven state: the server's cookie for it, and how many managed entries it held. */
export interface StampState {
  cookie: Buffer;
  managed: number;
}

interface StampFile {
  format: number;
  key: StampKey;
  code: string;
  cookie: string;
  managed: number;
}

/** A SHA-256 of the desired entries, in order, and of the diff options that shape a plan. */
export function modelFingerprint(compiled: Compiled, o: Omit<DiffOptions, 'baseExists'>): string {
  const h = createHash('sha256');
  h.update(JSON.stringify([compiled.baseDN, compiled.base, o.today, o.retentionDays, o.formerAddressMonths ?? null]));
  // Entries in batches: one update per entry costs more than the JSON itself.
  let batch = '';
  for (const e of compiled.entries) {
    batch += JSON.stringify([e.id, e.dn, e.rank, e.attrs, e.keep ?? null, e.formerAddressMonths ?? null]) + '\n';
    if (batch.length > 1 << 20) {
      h.update(batch);
      batch = '';
    }
  }
  h.update(batch);
  return h.digest('hex');
}

let code: string | undefined;
/**
 * A hash of the sync's own sources (this folder): a new danhba may plan differently from the
 * same model and server (mapping, diff rules), so its stamps are not the old one's.
 */
function codeFingerprint(): string {
  if (code) return code;
  const dir = dirname(fileURLToPath(import.meta.url));
  const h = createHash('sha256');
  for (const f of readdirSync(dir).filter((n) => /\.(ts|js)$/.test(n)).sort()) h.update(f + '\0').update(readFileSync(join(dir, f))).update('\0');
  return (code = h.digest('hex'));
}

export class ReadStamps {
  private readonly secret: Buffer;

  /** `password`: the bind password, never stored; only a key derived from it signs the stamps. */
  constructor(
    readonly dir: string,
    password: string,
  ) {
    this.secret = createHmac('sha256', 'danhba read stamp').update(password, 'utf8').digest();
  }

  /** One file per server, account and base (a province folder is synced to one base). */
  private file(key: StampKey): string {
    const name = createHash('sha256').update(JSON.stringify([key.url, key.bindDN, key.baseDN])).digest('hex').slice(0, 32);
    return join(this.dir, `read-stamp-${name}.json`);
  }

  private sign(body: string): Buffer {
    return createHmac('sha256', this.secret).update(body, 'utf8').digest();
  }

  /** The state a valid stamp proves for this key; undefined when there is none, or it is for another key, code or signer. */
  load(key: StampKey): StampState | undefined {
    const path = this.file(key);
    if (!existsSync(path)) return undefined;
    try {
      const { body, mac } = JSON.parse(readFileSync(path, 'utf8')) as { body: string; mac: string };
      const given = Buffer.from(String(mac), 'hex');
      const want = this.sign(String(body));
      if (given.length !== want.length || !timingSafeEqual(given, want)) return undefined;
      const s = JSON.parse(body) as StampFile;
      const same = s.format === FORMAT && s.code === codeFingerprint() && JSON.stringify(s.key) === JSON.stringify(key);
      return same && Number.isInteger(s.managed) && s.managed >= 0 ? { cookie: Buffer.from(s.cookie, 'base64'), managed: s.managed } : undefined;
    } catch {
      return undefined; // unreadable or garbled: a full read, which writes a good one
    }
  }

  /** Record a proven state (atomically: a crash leaves the old stamp or the new one). */
  save(key: StampKey, state: StampState): void {
    const s: StampFile = { format: FORMAT, key, code: codeFingerprint(), cookie: state.cookie.toString('base64'), managed: state.managed };
    const body = JSON.stringify(s);
    const path = this.file(key);
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ body, mac: this.sign(body).toString('hex') }) + '\n', { mode: 0o600 });
    renameSync(tmp, path);
  }
}
