// Start and stop the project's own OpenLDAP slapd: a child process on 127.0.0.1 and a free
// port, in a temporary or given data directory, with its own slapd.conf. No system daemon.
// Measured behaviour on this machine is in ../shared/LDAP-NOTES.md.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { dnEquals } from '../ldap/dn.js';
import { ACCOUNTS_SUFFIX, MAIL_READER_DN, REPLICATOR_DN, SYNC_DN, slapdConf, type ReplicationOptions, type TlsFiles } from './slapd-conf.js';

export const SLAPD = '/usr/sbin/slapd';
export const SLAPADD = '/usr/sbin/slapadd';
export const DANHBA_SCHEMA = resolve(dirname(fileURLToPath(import.meta.url)), '../../schema/ldap/danhba.schema');

export interface SlapdOptions {
  /** Province suffixes, one mdb database each (e.g. `dc=thuathienhue,dc=gov,dc=vn`). */
  suffixes: string[];
  /** Kept across restarts; a temporary directory (removed by stop) when omitted. */
  dataDir?: string;
  port?: number;
  /** No fsync: for tests and benchmarks. */
  dbNoSync?: boolean;
  log?: (line: string) => void;
  /** Own process group, so the server outlives this process (`npm run ldap:up`). */
  detached?: boolean;
  /** Serve StartTLS, and ldaps:// on a second free port (tests of TLS with a test CA). */
  tls?: TlsFiles;
  /** The sync account's password (a cluster shares one); random when omitted. */
  bindPassword?: string;
  /** Passwords of the other service accounts seeded in o=danhba (replication, mail servers). */
  accounts?: { replicator?: string; mail?: string };
  /** The sync account's slapd `limits` (tests: a server that caps the page size; slapd-conf.ts). */
  syncLimits?: string;
  /** syncrepl role (servers/cluster.ts). */
  replication?: Omit<ReplicationOptions, 'replicatorPassword'>;
}

export interface Slapd {
  url: string;
  /** ldaps:// address, when started with `tls`. */
  ldapsUrl?: string;
  pid: number;
  port: number;
  dataDir: string;
  suffixes: string[];
  bindDN: string;
  bindPassword: string;
  /** The bind password in a file only this user reads, for the OpenLDAP tools' `-y` (never `-w`: argv is public). */
  passwordFile: string;
  /** LDAP_URL, LDAP_BIND_DN, LDAP_BIND_PASSWORD for this server. */
  env: Record<'LDAP_URL' | 'LDAP_BIND_DN' | 'LDAP_BIND_PASSWORD', string>;
  /** SIGTERM, poll, SIGKILL; removes a temporary data directory. */
  stop(): Promise<void>;
}

/** What survives in the data directory so a restart reuses the same port and password. */
interface State {
  suffixes: string[];
  port: number;
  bindPassword: string;
  accounts?: { replicator?: string; mail?: string };
  pid?: number;
}

const STATE = 'danhba-slapd.json';

export class SlapdMissing extends Error {}

/** The command a user must run when slapd is absent and we may not install it. */
export const INSTALL_COMMAND = 'sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y slapd ldap-utils';

function hasTools(): boolean {
  return existsSync(SLAPD) && existsSync(SLAPADD) && spawnSync('ldapsearch', ['-VV'], { stdio: 'ignore' }).error === undefined;
}

/**
 * Make sure slapd and ldap-utils are installed: as root on Debian, install them with apt-get
 * (saying so); otherwise throw with the exact command. Debconf is preseeded with
 * `slapd/no_configuration` so the package does not create or start a system daemon.
 */
export function ensureSlapdInstalled(log: (line: string) => void = (l) => process.stderr.write(l + '\n')): void {
  if (hasTools()) return;
  const root = process.getuid?.() === 0;
  if (!root || !existsSync('/etc/debian_version')) {
    throw new SlapdMissing(`Chưa cài OpenLDAP slapd. Hãy chạy / OpenLDAP slapd is not installed. Run:\n  ${INSTALL_COMMAND}`);
  }
  log('danhba: đang cài slapd ldap-utils bằng apt-get / installing slapd ldap-utils with apt-get…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (cmd: string, args: string[], input?: string) => {
    const r = spawnSync(cmd, args, { env, input, stdio: [input === undefined ? 'ignore' : 'pipe', 'inherit', 'inherit'] });
    if (r.status !== 0) throw new SlapdMissing(`${cmd} ${args.join(' ')} failed (exit ${r.status}). Run:\n  ${INSTALL_COMMAND}`);
  };
  run('debconf-set-selections', [], 'slapd slapd/no_configuration boolean true\n');
  run('apt-get', ['update']);
  run('apt-get', ['install', '-y', 'slapd', 'ldap-utils']);
  if (!hasTools()) throw new SlapdMissing(`slapd still missing after apt-get. Run:\n  ${INSTALL_COMMAND}`);
}

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? res(addr.port) : rej(new Error('no port'))));
    });
  });
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((res) => {
    const srv = createServer();
    srv.once('error', () => res(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => res(true)));
  });
}

/** `{SSHA}` hash of a password, as slapd stores it. */
export function sshaHash(password: string): string {
  const salt = randomBytes(8);
  const digest = createHash('sha1').update(password).update(salt).digest();
  return '{SSHA}' + Buffer.concat([digest, salt]).toString('base64');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether `pid` is the slapd serving `dataDir`: alive (a zombie is not: right after a SIGKILL
 * the PID lingers until reaped), its program is slapd and its config is this data directory's.
 * A bare PID from a state file may by now belong to any process (PIDs are reused). Where there
 * is no /proc (not Linux), only liveness can be checked.
 */
export function isSlapdOf(pid: number, dataDir: string): boolean {
  if (!isAlive(pid)) return false;
  let cmdline: string[];
  let stat: string;
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return !existsSync('/proc/self/cmdline');
  }
  // state is the field after the parenthesised command name
  if (/\)\s+Z/.test(stat)) return false;
  const conf = cmdline[cmdline.indexOf('-f') + 1];
  return basename(cmdline[0] ?? '') === 'slapd' && cmdline.includes('-f') && conf !== undefined && resolve(conf) === join(resolve(dataDir), 'slapd.conf');
}

/** The PID of the slapd recorded in a data directory, if that slapd is running. */
export function runningPid(dataDir: string): number | undefined {
  const pid = readState(dataDir)?.pid;
  return pid && isSlapdOf(pid, dataDir) ? pid : undefined;
}

/** SIGTERM, poll until gone, SIGKILL after `graceMs`. */
export async function stopPid(pid: number, graceMs = 5000): Promise<void> {
  if (!isAlive(pid)) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return;
    await sleep(20);
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return;
  }
  while (isAlive(pid)) await sleep(20);
}

/** Ready when an anonymous ldapsearch of the root DSE lists our first suffix. */
function answers(url: string, suffix: string): boolean {
  const r = spawnSync('ldapsearch', ['-x', '-LLL', '-o', 'ldif-wrap=no', '-H', url, '-s', 'base', '-b', '', 'namingContexts'], { encoding: 'utf8', timeout: 3000 });
  if (r.status !== 0) return false;
  // ldapsearch prints a non-ASCII value in base64 (`namingContexts:: …`): o=Tỉnh Thừa Thiên Huế,c=VN
  // never matched as text, and ldap:up waited 15 s and gave up.
  return r.stdout.split('\n').some((line) => {
    const m = /^namingContexts(::?) (.*)$/i.exec(line);
    return m !== null && dnEquals(m[1] === '::' ? Buffer.from(m[2], 'base64').toString('utf8') : m[2], suffix);
  });
}

function seedAccounts(conf: string, dataDir: string, password: string, accounts: State['accounts'] = {}): void {
  const extra = (dn: string, cn: string, description: string, pw: string | undefined) =>
    pw === undefined ? [] : [`dn: ${dn}`, 'objectClass: applicationProcess', 'objectClass: simpleSecurityObject', `cn: ${cn}`, `description: ${description}`, `userPassword: ${sshaHash(pw)}`, ''];
  const ldif = [
    `dn: ${ACCOUNTS_SUFFIX}`,
    'objectClass: organization',
    'o: danhba',
    '',
    `dn: ${SYNC_DN}`,
    'objectClass: applicationProcess',
    'objectClass: simpleSecurityObject',
    'cn: sync',
    'description: danhba sync account',
    `userPassword: ${sshaHash(password)}`,
    '',
    ...extra(REPLICATOR_DN, 'replicator', 'danhba replication account (syncrepl)', accounts.replicator),
    ...extra(MAIL_READER_DN, 'mail', 'danhba: read-only account of the mail servers', accounts.mail),
  ].join('\n');
  const file = join(dataDir, 'seed.ldif');
  writeFileSync(file, ldif, { mode: 0o600 });
  const r = spawnSync(SLAPADD, ['-q', '-f', conf, '-b', ACCOUNTS_SUFFIX, '-l', file], { encoding: 'utf8' });
  rmSync(file);
  if (r.status !== 0) throw new Error(`slapadd (seed) failed: ${r.stderr}`);
}

function readState(dataDir: string): State | undefined {
  const file = join(dataDir, STATE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as State) : undefined;
}

function writeState(dataDir: string, state: State): void {
  writeFileSync(join(dataDir, STATE), JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });
}

/**
 * Start slapd. A data directory that already holds a server (restart after a crash) keeps its
 * suffixes, password and, when still free, its port.
 */
export async function startSlapd(options: SlapdOptions): Promise<Slapd> {
  const log = options.log ?? (() => {});
  ensureSlapdInstalled(log);
  const temp = options.dataDir === undefined;
  const dataDir = resolve(options.dataDir ?? mkdtempSync(join(tmpdir(), 'danhba-slapd-')));
  mkdirSync(dataDir, { recursive: true });
  const previous = readState(dataDir);
  const suffixes = previous?.suffixes ?? options.suffixes;
  if (previous && options.suffixes.some((s) => !previous.suffixes.includes(s))) {
    throw new Error(`${dataDir} holds a server for ${previous.suffixes.join('; ')}, not ${options.suffixes.join('; ')}`);
  }
  const bindPassword = previous?.bindPassword ?? options.bindPassword ?? randomBytes(18).toString('base64url');
  const accounts = previous?.accounts ?? options.accounts ?? {};
  const replication = options.replication && accounts.replicator ? { ...options.replication, replicatorPassword: accounts.replicator } : undefined;
  let port = options.port ?? previous?.port ?? (await freePort());
  if (!(await portIsFree(port))) {
    if (options.port !== undefined) throw new Error(`port ${port} is in use`);
    port = await freePort();
  }
  const conf = join(dataDir, 'slapd.conf');
  writeFileSync(conf, slapdConf({ dataDir, suffixes, danhbaSchema: DANHBA_SCHEMA, dbNoSync: options.dbNoSync ?? false, ...(options.tls ? { tls: options.tls } : {}), ...(replication ? { replication } : {}), ...(options.syncLimits ? { syncLimits: options.syncLimits } : {}) }));
  for (let i = 0; i < suffixes.length; i++) mkdirSync(join(dataDir, 'db', `p${i}`), { recursive: true });
  if (!previous) {
    mkdirSync(join(dataDir, 'db', 'accounts'), { recursive: true });
    seedAccounts(conf, dataDir, bindPassword, accounts);
  }
  const url = `ldap://127.0.0.1:${port}/`;
  // All three std streams go to a file so the parent never hangs on a pipe.
  const out = openSync(join(dataDir, 'slapd.log'), 'a');
  const ldapsUrl = options.tls ? `ldaps://127.0.0.1:${await freePort()}/` : undefined;
  const child = spawn(SLAPD, ['-d', '0', '-h', ldapsUrl ? `${url} ${ldapsUrl}` : url, '-f', conf], { stdio: ['ignore', out, out], detached: options.detached ?? false });
  closeSync(out);
  const pid = child.pid!;
  let exited: number | null = null;
  child.on('exit', (code) => (exited = code ?? -1));
  child.unref();
  const deadline = Date.now() + 15_000;
  while (!answers(url, suffixes[0] ?? ACCOUNTS_SUFFIX)) {
    if (exited !== null || Date.now() > deadline) {
      await stopPid(pid);
      const tail = readFileSync(join(dataDir, 'slapd.log'), 'utf8').split('\n').slice(-15).join('\n');
      throw new Error(`slapd did not start (exit ${exited}):\n${tail}`);
    }
    await sleep(30);
  }
  writeState(dataDir, { suffixes, port, bindPassword, accounts, pid });
  log(`slapd ${pid} ${url} (${dataDir})`);
  const env = { LDAP_URL: url, LDAP_BIND_DN: SYNC_DN, LDAP_BIND_PASSWORD: bindPassword };
  const passwordFile = join(dataDir, 'bind-password');
  writeFileSync(passwordFile, bindPassword, { mode: 0o600 });
  return {
    url,
    ...(ldapsUrl ? { ldapsUrl } : {}),
    pid,
    port,
    dataDir,
    suffixes,
    bindDN: SYNC_DN,
    bindPassword,
    passwordFile,
    env,
    async stop() {
      await stopPid(pid);
      if (temp) rmSync(dataDir, { recursive: true, force: true });
      else writeState(dataDir, { suffixes, port, bindPassword, accounts });
    },
  };
}

/** Stop the server recorded in a data directory (for `npm run ldap:down`). */
export async function stopSlapdIn(dataDir: string): Promise<number | undefined> {
  const state = readState(dataDir);
  if (!state?.pid) return undefined;
  // Never signal a PID that is no longer this slapd (killed, then the PID reused).
  const ours = isSlapdOf(state.pid, dataDir);
  if (ours) await stopPid(state.pid);
  writeState(dataDir, { ...state, pid: undefined });
  return ours ? state.pid : undefined;
}

/** The LDAP_* settings of a server still running from a data directory (`npm run ldap:up`), if any. */
export function runningSlapdEnv(dataDir: string): Slapd['env'] | undefined {
  const state = readState(dataDir);
  if (!state?.pid || !isSlapdOf(state.pid, dataDir)) return undefined;
  return { LDAP_URL: `ldap://127.0.0.1:${state.port}/`, LDAP_BIND_DN: SYNC_DN, LDAP_BIND_PASSWORD: state.bindPassword };
}

/** `ldap.baseDN` of every province.yaml under `directory`. */
export function provinceSuffixes(directory: string): string[] {
  if (!existsSync(directory)) return [];
  const out: string[] = [];
  for (const name of readdirSync(directory).sort()) {
    const file = join(directory, name, 'province.yaml');
    if (!existsSync(file)) continue;
    const base = (parse(readFileSync(file, 'utf8')) as { ldap?: { baseDN?: string } } | null)?.ldap?.baseDN;
    if (base && !out.includes(base)) out.push(base);
  }
  return out;
}

export { readState as readSlapdState };
