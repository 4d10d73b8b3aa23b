// Read stamps: what lets a sync read only what changed on the server (sync-refresh.ts) instead
// of every managed entry.
//
// A stamp says: "at the server state this RFC 4533 cookie names, every entry under the base was
// as this model wants it, on this day". It is written only when that was proven: a read that
// planned nothing, or a plan applied whole (then every entry it wrote changed after the cookie,
// and the next sync compares it again). Next time, with the same server, account, base, day,
// model and danhba code, the entries the server says changed since the cookie are the only ones
// to compare; the others are still as they were, so still as desired. Anything the answer
// cannot account for (a delete that was not the sync's own lock, a present phase, an entry not
// managed or not where the model puts it) falls back to the full read.
//
// The day is part of the stamp, so there is a full read at least once a day: retention and
// former-address ends are counted in days (plan.ts), and that read also bounds what an
// unforeseen gap could hide. The entry recording the commit is left out of the model's
// fingerprint and read on its own each time: it changes with every commit, the rest of a
// province seldom does.
//
// Stamps live in a folder the CI keeps between runs (actions/cache), and a pull request's run may
// restore what main's runs cached: so a stamp is sealed (AES-256-GCM) with a key of its own,
// DANHBA_STAMP_KEY, a random secret of the sync's environment. Sealed, it shows nothing (not the
// server's address nor the account, which are secrets too) and cannot be forged; and being no
// function of the bind password, it is no way to guess that password offline.
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SYNC_STATE_ID, type Compiled } from './compile.js';
import type { DiffOptions } from './plan.js';

const FORMAT = 3;
/** DANHBA_STAMP_KEY: at least this many characters (`openssl rand -hex 32` gives 64). */
export const STAMP_KEY_MIN_LENGTH = 32;

/** Why a stamp key cannot be used (bilingual), or undefined when it can. */
export function stampKeyProblem(key: string | undefined): { vi: string; en: string } | undefined {
  if (key !== undefined && key.length >= STAMP_KEY_MIN_LENGTH) return undefined;
  return {
    vi: `--state-dir cần DANHBA_STAMP_KEY (ít nhất ${STAMP_KEY_MIN_LENGTH} ký tự ngẫu nhiên, ví dụ openssl rand -hex 32, là secret của môi trường đồng bộ): không dùng dấu đọc, đọc toàn bộ.`,
    en: `--state-dir needs DANHBA_STAMP_KEY (at least ${STAMP_KEY_MIN_LENGTH} random characters, e.g. openssl rand -hex 32, a secret of the sync's environment): no read stamps, reading everything.`,
  };
}
/** A stamp is a few hundred bytes: anything much larger was not written by this code. */
const MAX_FILE_BYTES = 64 * 1024;

/** Which server, account and base a stamp is about: one stamp each. */
export interface StampPlace {
  url: string;
  bindDN: string;
  baseDN: string;
}

export interface Stamp {
  /** The day the state was proven on (diff options' today). */
  today: string;
  /** modelFingerprint() of the model it was proven against. */
  model: string;
  /** The server's cookie for the proven state. */
  cookie: Buffer;
  /** Managed entries the server held then. */
  managed: number;
  /** entryUUIDs (hex) deleted after the cookie by the sync itself (its lock): not a reason to read everything. */
  ownDeletes: string[];
}

interface StampFile {
  format: number;
  place: StampPlace;
  code: string;
  today: string;
  model: string;
  cookie: string;
  managed: number;
  ownDeletes: string[];
}

/**
 * A SHA-256 of the desired entries in order (but the commit's entry) and of the diff options
 * that shape a plan. Values go in length-prefixed, so no two models write the same text.
 * (≈ 0.4 s at 100,000 mailboxes; JSON.stringify took 0.6 s.)
 */
export function modelFingerprint(compiled: Compiled, o: Omit<DiffOptions, 'baseExists'>): string {
  const h = createHash('sha256');
  h.update(JSON.stringify([compiled.baseDN, compiled.base, o.today, o.retentionDays, o.formerAddressMonths ?? null]));
  let s = '';
  for (const e of compiled.entries) {
    if (e.id === SYNC_STATE_ID) continue;
    s += `${e.id.length}:${e.id}${e.dn.length}:${e.dn}${e.rank};`;
    for (const k in e.attrs) {
      const values = e.attrs[k];
      s += `${k}=${values.length}`;
      for (let i = 0; i < values.length; i++) s += `${values[i].length}:${values[i]}`;
    }
    if (e.keep) s += `keep=${JSON.stringify(e.keep)}`;
    if (e.formerAddressMonths !== undefined) s += `months=${e.formerAddressMonths}`;
    s += '\n';
    if (s.length > 1 << 20) {
      h.update(s);
      s = '';
    }
  }
  h.update(s);
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

const samePlace = (a: StampPlace, b: StampPlace) => a.url === b.url && a.bindDN === b.bindDN && a.baseDN === b.baseDN;
const isHex = (v: unknown) => typeof v === 'string' && /^[0-9a-f]{32}$/.test(v);

const derive = (secret: string, info: string) => Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), 'danhba', info, 32));

export class ReadStamps {
  private readonly sealKey: Buffer;
  private readonly nameKey: Buffer;

  /** `secret`: DANHBA_STAMP_KEY (stampKeyProblem() says whether it will do); never stored. */
  constructor(
    readonly dir: string,
    secret: string,
  ) {
    const problem = stampKeyProblem(secret);
    if (problem) throw new Error(problem.en);
    this.sealKey = derive(secret, 'read stamp seal');
    this.nameKey = derive(secret, 'read stamp name');
  }

  /** One file per server, account and base, named by a keyed hash: the name says nothing either. */
  private file(place: StampPlace): string {
    const name = createHmac('sha256', this.nameKey).update(JSON.stringify([place.url, place.bindDN, place.baseDN])).digest('hex').slice(0, 32);
    return join(this.dir, `read-stamp-${name}.json`);
  }

  /** The stamp of this place, when there is one sealed with this key by this code; the caller compares day and model. */
  load(place: StampPlace): Stamp | undefined {
    const path = this.file(place);
    try {
      if (statSync(path).size > MAX_FILE_BYTES) return undefined;
      const { iv, tag, data } = JSON.parse(readFileSync(path, 'utf8')) as { iv: string; tag: string; data: string };
      const decipher = createDecipheriv('aes-256-gcm', this.sealKey, Buffer.from(String(iv), 'base64'));
      decipher.setAuthTag(Buffer.from(String(tag), 'base64'));
      const body = Buffer.concat([decipher.update(Buffer.from(String(data), 'base64')), decipher.final()]).toString('utf8');
      const s = JSON.parse(body) as StampFile;
      const valid = s.format === FORMAT && s.code === codeFingerprint() && samePlace(s.place, place) && Number.isInteger(s.managed) && s.managed >= 0 && Array.isArray(s.ownDeletes) && s.ownDeletes.every(isHex);
      return valid ? { today: s.today, model: s.model, cookie: Buffer.from(s.cookie, 'base64'), managed: s.managed, ownDeletes: s.ownDeletes } : undefined;
    } catch {
      return undefined; // missing, unreadable, garbled or sealed with another key: a full read, which writes a good one
    }
  }

  /** Record a proven state (atomically: a crash leaves the old stamp or the new one). */
  save(place: StampPlace, stamp: Stamp): void {
    const s: StampFile = { format: FORMAT, place, code: codeFingerprint(), today: stamp.today, model: stamp.model, cookie: stamp.cookie.toString('base64'), managed: stamp.managed, ownDeletes: stamp.ownDeletes };
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(s), 'utf8'), cipher.final()]);
    const sealed = { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
    const path = this.file(place);
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const tmp = `${path}.${process.pid}.tmp`;
    rmSync(tmp, { force: true }); // a crash's leftover; 'wx' then never follows a link put in its place
    writeFileSync(tmp, JSON.stringify(sealed) + '\n', { mode: 0o600, flag: 'wx' });
    renameSync(tmp, path);
  }
}
