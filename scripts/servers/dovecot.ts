// Debian's Dovecot, run as the project's own server from a private folder. Started in the
// foreground (`-F`) as our child, so its pid is known and its std streams go to a file (a
// daemonizing dovecot keeps the caller's stdout open: MAIL-NOTES.md). Ready when IMAP greets.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePackages, waitForGreeting } from './process.js';
import { isAlive, stopPid } from './slapd.js';

export const DOVECOT = '/usr/sbin/dovecot';
export const DOVECOT_PACKAGES = ['dovecot-imapd', 'dovecot-lmtpd', 'dovecot-ldap'];

function installed(): boolean {
  return existsSync(DOVECOT) && existsSync('/usr/lib/dovecot/imap') && existsSync('/usr/lib/dovecot/lmtp') && existsSync('/usr/lib/dovecot/modules/auth/libauthdb_ldap.so');
}

export function ensureDovecotInstalled(log: (line: string) => void): void {
  ensurePackages(DOVECOT_PACKAGES, installed, log);
}

export interface DovecotOptions {
  /** The mail folder: dovecot/dovecot.conf written beforehand. */
  dir: string;
  imapPort: number;
  detached?: boolean;
  log?: (line: string) => void;
}

export interface Dovecot {
  pid: number;
  imapPort: number;
  conf: string;
  stop(): Promise<void>;
}

const PID = 'dovecot.pid';

export function dovecotPid(dir: string): number | undefined {
  const file = join(dir, 'dovecot', PID);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return pid && isAlive(pid) ? pid : undefined;
}

export async function stopDovecotIn(dir: string): Promise<void> {
  const pid = dovecotPid(dir);
  if (pid !== undefined) await stopPid(pid);
}

export async function startDovecot(o: DovecotOptions): Promise<Dovecot> {
  const log = o.log ?? (() => {});
  ensureDovecotInstalled(log);
  const conf = join(o.dir, 'dovecot', 'dovecot.conf');
  for (const sub of ['dovecot/run', 'log', 'mail']) mkdirSync(join(o.dir, sub), { recursive: true });
  // Mail is written as nobody: the mail root must be writable by it.
  chmodSync(join(o.dir, 'mail'), 0o1777);
  await stopDovecotIn(o.dir);
  const out = openSync(join(o.dir, 'log', 'dovecot.out'), 'a');
  const child = spawn(DOVECOT, ['-F', '-c', conf], { stdio: ['ignore', out, out], detached: o.detached ?? false });
  closeSync(out);
  const pid = child.pid!;
  let exited: number | null = null;
  child.on('exit', (code) => (exited = code ?? -1));
  child.unref();
  writeFileSync(join(o.dir, 'dovecot', PID), `${pid}\n`);
  try {
    await waitForGreeting(o.imapPort, '* OK', 15_000, () => (exited !== null ? `dovecot exited (${exited}):\n${tail(o.dir)}` : undefined));
  } catch (e) {
    await stopPid(pid);
    throw e;
  }
  log(`dovecot ${pid} imap://127.0.0.1:${o.imapPort} (${conf})`);
  return { pid, imapPort: o.imapPort, conf, stop: () => stopPid(pid) };
}

function tail(dir: string): string {
  return ['dovecot.out', 'dovecot.log']
    .map((f) => join(dir, 'log', f))
    .filter(existsSync)
    .map((f) => readFileSync(f, 'utf8').split('\n').slice(-10).join('\n'))
    .join('\n');
}

/** `doveadm user`: the userdb fields Dovecot resolves for an address (quota rule, home). */
export function doveadmUser(dir: string, address: string): Record<string, string> {
  const r = spawnSync('doveadm', ['-c', join(dir, 'dovecot', 'dovecot.conf'), 'user', address], { encoding: 'utf8', timeout: 15_000 });
  if (r.status !== 0) throw new Error(`doveadm user ${address}: exit ${r.status} ${r.stderr}`);
  const out: Record<string, string> = {};
  for (const line of r.stdout.split('\n')) {
    const m = /^(\S+)\s+(.*)$/.exec(line.trim());
    if (m) out[m[1]] = m[2];
  }
  return out;
}
