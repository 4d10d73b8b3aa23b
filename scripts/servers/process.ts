// What every server the project starts shares: waiting for a TCP greeting (the server is ready
// when it speaks its protocol, not when a port is merely open) and installing Debian packages
// when missing (as root on Debian, saying so; otherwise the exact command to run).
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';

export class ServerMissing extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The first line a server sends on connect, or undefined (refused, closed, timeout). */
export function greeting(port: number, timeoutMs = 2000): Promise<string | undefined> {
  return new Promise((res) => {
    const socket = connect({ host: '127.0.0.1', port });
    let data = '';
    const done = (v: string | undefined) => {
      socket.destroy();
      res(v);
    };
    socket.setTimeout(timeoutMs, () => done(undefined));
    socket.on('error', () => done(undefined));
    socket.on('data', (b) => {
      data += b.toString('latin1');
      const nl = data.indexOf('\n');
      if (nl >= 0) done(data.slice(0, nl).trim());
    });
    socket.on('end', () => done(data || undefined));
  });
}

/** Poll until `port` greets with a line starting with `prefix`; throws after `timeoutMs`. */
export async function waitForGreeting(port: number, prefix: string, timeoutMs: number, failed: () => string | undefined = () => undefined): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = await greeting(port, 1000);
    if (line?.startsWith(prefix)) return line;
    const why = failed();
    if (why) throw new Error(why);
    if (Date.now() > deadline) throw new Error(`127.0.0.1:${port} did not answer "${prefix}" within ${timeoutMs} ms (last: ${line ?? 'nothing'})`);
    await sleep(50);
  }
}

/**
 * Install Debian packages when `present()` says they are missing: as root on Debian with
 * apt-get (non-interactive; no service is started: policy-rc.d or no init system), saying so;
 * otherwise throw ServerMissing with the exact command.
 */
export function ensurePackages(packages: string[], present: () => boolean, log: (line: string) => void): void {
  if (present()) return;
  const command = `sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${packages.join(' ')}`;
  if (process.getuid?.() !== 0 || !existsSync('/etc/debian_version')) {
    throw new ServerMissing(`Chưa cài / not installed: ${packages.join(' ')}. Hãy chạy / run:\n  ${command}`);
  }
  log(`danhba: đang cài / installing ${packages.join(' ')} (apt-get)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // invoke-rc.d asks policy-rc.d: "101" = do not start the package's system daemon.
  const policy = '/usr/sbin/policy-rc.d';
  const ownPolicy = !existsSync(policy);
  if (ownPolicy) writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  try {
    for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...packages]]) {
      const r = spawnSync('apt-get', args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
      if (r.status !== 0) throw new ServerMissing(`apt-get ${args.join(' ')} failed (exit ${r.status}). Run:\n  ${command}`);
    }
  } finally {
    if (ownPolicy) rmSync(policy, { force: true });
  }
  if (!present()) throw new ServerMissing(`${packages.join(' ')} still missing after apt-get. Run:\n  ${command}`);
}
