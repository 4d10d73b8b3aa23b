// Debian's Chromium driven by playwright-core, for the browser tests and the benchmark. As root
// on Debian a missing browser is installed with apt-get (saying so); otherwise the exact command
// is given. Each launch gets its own temporary profile, removed on close.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const INSTALL_COMMAND = 'sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-noto-core';
const FONT_DIR = '/usr/share/fonts/truetype/noto';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
  '--disable-quic',
];

export class ChromiumMissing extends Error {}

export function ensureChromiumInstalled(log: (line: string) => void = (l) => process.stderr.write(l + '\n')): void {
  if (existsSync(CHROMIUM) && existsSync(FONT_DIR)) return;
  if (process.getuid?.() !== 0 || !existsSync('/etc/debian_version')) {
    throw new ChromiumMissing(`Chưa cài Chromium / Chromium is not installed. Run:\n  ${INSTALL_COMMAND}`);
  }
  log('danhba: đang cài chromium fonts-noto-core bằng apt-get / installing chromium fonts-noto-core with apt-get…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', 'chromium', 'fonts-noto-core']]) {
    const r = spawnSync('apt-get', args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) throw new ChromiumMissing(`apt-get ${args.join(' ')} failed (exit ${r.status}). Run:\n  ${INSTALL_COMMAND}`);
  }
  if (!existsSync(CHROMIUM)) throw new ChromiumMissing(`${CHROMIUM} still missing after apt-get`);
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Launch headless Chromium with a throwaway profile (launch() refuses --user-data-dir, so a persistent context). */
export async function launchChromium(options: { javaScriptEnabled?: boolean } = {}): Promise<Browser> {
  ensureChromiumInstalled();
  const profile = mkdtempSync(join(tmpdir(), 'danhba-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, ...options });
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
