// Debian's Postfix, run as the project's own server from a private folder (config, queue,
// data, log), never the machine's /etc/postfix or a system daemon. Measured behaviour on this
// machine: ../shared/MAIL-NOTES.md. `postfix start` forks the master daemon; we stop it with
// `postfix stop`. Ready when the SMTP port greets with 220.
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePackages, waitForGreeting } from './process.js';

export const POSTFIX = '/usr/sbin/postfix';
export const POSTFIX_PACKAGES = ['postfix', 'postfix-ldap'];

/** Postfix and its LDAP map type (postfix-ldap adds `ldap` to dynamicmaps). */
function installed(): boolean {
  if (!existsSync(POSTFIX)) return false;
  const r = spawnSync('postconf', ['-m'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.split('\n').includes('ldap');
}

export function ensurePostfixInstalled(log: (line: string) => void): void {
  if (installed()) return;
  // "No configuration": the package must not write /etc/postfix/main.cf or start a daemon.
  if (process.getuid?.() === 0) spawnSync('debconf-set-selections', [], { input: 'postfix postfix/main_mailer_type select No configuration\n' });
  ensurePackages(POSTFIX_PACKAGES, installed, log);
}

export interface PostfixOptions {
  /** The mail folder: postfix/ holds main.cf and master.cf (written beforehand). */
  dir: string;
  smtpPort: number;
  log?: (line: string) => void;
}

export interface Postfix {
  smtpPort: number;
  configDir: string;
  /** `postfix stop`; waits until the master is gone. */
  stop(): Promise<void>;
}

function postfix(configDir: string, command: string): { status: number | null; output: string } {
  const r = spawnSync(POSTFIX, ['-c', configDir, command], { encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() };
}

/** The master's pid, from the queue directory, if running. */
export function postfixPid(dir: string): number | undefined {
  const file = join(dir, 'spool', 'pid', 'master.pid');
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!pid) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

export async function stopPostfixIn(dir: string): Promise<void> {
  const configDir = join(dir, 'postfix');
  const pid = postfixPid(dir);
  if (pid === undefined) return;
  postfix(configDir, 'stop');
  const deadline = Date.now() + 10_000;
  while (postfixPid(dir) !== undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (postfixPid(dir) !== undefined) postfix(configDir, 'abort');
}

export async function startPostfix(o: PostfixOptions): Promise<Postfix> {
  const log = o.log ?? (() => {});
  ensurePostfixInstalled(log);
  const configDir = join(o.dir, 'postfix');
  for (const sub of ['spool', 'data', 'log']) mkdirSync(join(o.dir, sub), { recursive: true });
  // Postfix's unprivileged processes walk into the folder (a mkdtemp folder is 0700); the
  // files holding the LDAP password stay 0600.
  chmodSync(o.dir, 0o755);
  // master refuses to start unless postfix owns its data directory (master.lock).
  const pw = spawnSync('id', ['-u', 'postfix'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postfix'], { encoding: 'utf8' });
  if (pw.status === 0) chownSync(join(o.dir, 'data'), Number(pw.stdout), Number(gid.stdout));
  if (postfixPid(o.dir) !== undefined) await stopPostfixIn(o.dir);
  const r = postfix(configDir, 'start');
  if (r.status !== 0) throw new Error(`postfix start failed (exit ${r.status}):\n${r.output}\n${tail(join(o.dir, 'log', 'postfix.log'))}`);
  await waitForGreeting(o.smtpPort, '220', 15_000);
  log(`postfix smtp://127.0.0.1:${o.smtpPort} (${configDir})`);
  return { smtpPort: o.smtpPort, configDir, stop: () => stopPostfixIn(o.dir) };
}

function tail(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-15).join('\n') : '';
}
