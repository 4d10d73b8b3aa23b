// `npm start` end to end on a copy of the example data: validate, sync into the embedded
// slapd, build the site; a second run finds nothing to change in LDAP.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'danhba-start-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('npm start (--no-serve)', () => {
  it('validates, syncs the five provinces into slapd and builds their sites; a re-run is a no-op', () => {
    cpSync(join(import.meta.dirname, '..', '..', 'directory'), join(work, 'directory'), { recursive: true });
    const env = { LDAP_URL: '', LDAP_BIND_DN: '', LDAP_BIND_PASSWORD: '' };
    const first = runCli(['start', '--no-serve'], { cwd: work, env });
    expect(first.stderr).not.toMatch(/\n\s+at /);
    expect(first.code).toBe(0);
    // A newcomer's screen: one line per province, where the full plan is, what to open last.
    const lines = first.stdout.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(20);
    expect(lines.filter((l) => /^✓ .*· LDAP \d+ tạo · dist\/.*index\.html$/.test(l))).toHaveLength(5);
    expect(lines.at(-1)).toMatch(/^Mở trang: dist\/index\.html/);
    expect(first.stdout).not.toMatch(/\+ (ou|danhbaId):/);
    expect(first.stdout).not.toMatch(/\x1b\[/); // not a terminal: no colour codes
    const plan = readFileSync(join(work, '.danhba', 'start-plan.txt'), 'utf8');
    expect(plan.match(/: applied/g)).toHaveLength(5);
    expect(plan).toMatch(/\+ danhbaId: "container:agencies"/);
    for (const domain of ['thuathienhue', 'dongnai', 'ninhbinh', 'cantho', 'hungyen']) {
      expect(existsSync(join(work, 'dist', `${domain}.gov.vn`, 'index.html'))).toBe(true);
    }
    const second = runCli(['start', '--no-serve'], { cwd: work, env });
    expect(second.code).toBe(0);
    expect(second.stdout.match(/· LDAP không đổi ·/g)).toHaveLength(5);
    const verbose = runCli(['start', '--no-serve', '--verbose', '--lang', 'en'], { cwd: work, env });
    expect(verbose.stdout.match(/: no-changes/g)).toHaveLength(5);
    expect(verbose.stdout.trimEnd().split('\n').at(-1)).toMatch(/^Open: dist\/index\.html/);
  }, 180_000); // three full starts (slapd, five syncs, five sites each)
});
