// The list policy service (mail/list-policy.ts) as the project's own process, beside Postfix and
// Dovecot: started from the mail folder with its settings in the environment (the LDAP password
// never in argv), its output in log/list-policy.log, its pid in list-policy.pid. Ready when it
// answers a policy request.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAlive, stopPid } from './slapd.js';

export interface ListPolicyProcessOptions {
  dir: string;
  port: number;
  baseDN: string;
  citation: string;
  ldapUrls: string[];
  reader: { bindDN: string; bindPassword: string };
  detached?: boolean;
}

const PID = 'list-policy.pid';

/** From TypeScript sources (tsx, vitest) the child runs through tsx; built, as plain JavaScript. */
function mainArgs(): string[] {
  const ts = import.meta.url.endsWith('.ts');
  const main = fileURLToPath(new URL(ts ? '../mail/list-policy-main.ts' : '../mail/list-policy-main.js', import.meta.url));
  return ts ? ['--import', 'tsx', main] : [main];
}

/** The pid of the service started from `dir`, when it still runs and is still that service. */
export function listPolicyPid(dir: string): number | undefined {
  const file = join(dir, PID);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!pid || !isAlive(pid)) return undefined;
  // A pid from a file may by now be any process's: only ours (its command line) is signalled.
  const cmdline = `/proc/${pid}/cmdline`;
  return !existsSync(cmdline) || readFileSync(cmdline, 'utf8').includes('list-policy-main') ? pid : undefined;
}

export async function stopListPolicyIn(dir: string): Promise<void> {
  const pid = listPolicyPid(dir);
  if (pid !== undefined) await stopPid(pid);
}

/** One request (not a list address): the service is up when it answers. */
function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('request=smtpd_access_policy\nrecipient=\n\n'));
    socket.on('data', (b) => {
      reply += b.toString('latin1');
      if (reply.includes('\n\n')) done(reply.startsWith('action='));
    });
  });
}

export async function startListPolicyProcess(o: ListPolicyProcessOptions): Promise<{ pid: number; stop(): Promise<void> }> {
  await stopListPolicyIn(o.dir);
  mkdirSync(join(o.dir, 'log'), { recursive: true });
  const out = openSync(join(o.dir, 'log', 'list-policy.log'), 'a');
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    DANHBA_LIST_POLICY_PORT: String(o.port),
    DANHBA_LIST_BASE_DN: o.baseDN,
    DANHBA_LIST_CITATION: o.citation,
    MAIL_LDAP_URL: o.ldapUrls.join(' '),
    MAIL_LDAP_BIND_DN: o.reader.bindDN,
    MAIL_LDAP_BIND_PASSWORD: o.reader.bindPassword,
  };
  const child = spawn(process.execPath, mainArgs(), { cwd: fileURLToPath(new URL('../..', import.meta.url)), env, stdio: ['ignore', out, out], detached: o.detached ?? false });
  closeSync(out);
  const pid = child.pid!;
  let exited: number | null = null;
  child.on('exit', (code) => (exited = code ?? -1));
  child.unref();
  writeFileSync(join(o.dir, PID), `${pid}\n`);
  const deadline = Date.now() + 20_000;
  while (!(await answers(o.port))) {
    if (exited !== null || Date.now() > deadline) {
      await stopPid(pid);
      const log = readFileSync(join(o.dir, 'log', 'list-policy.log'), 'utf8').split('\n').slice(-10).join('\n');
      throw new Error(`list policy did not start (exit ${exited}):\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { pid, stop: () => stopPid(pid) };
}
