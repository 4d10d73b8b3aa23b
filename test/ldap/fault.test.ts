// Fault injection: `apply` is SIGKILLed at random points of a plan that mixes creates, renames
// (an address change, a transfer), removals of every kind (a person, a unit, a whole agency)
// and suspensions; re-runs must converge to exactly what one clean run gives. The judge is
// ldapsearch (an independent client), comparing a dump of both trees. The seed is printed so a
// failure can be replayed (FAULT_SEED=…).
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, inject, it } from 'vitest';
import { syncProvince } from '../../scripts/ldap/sync.js';
import { copyProvince, edit, REPO } from './helpers.js';

const TODAY = '2026-03-01';
const ldap = inject('ldap');
const connection = { url: ldap.url, bindDN: ldap.bindDN, bindPassword: ldap.bindPassword };
const CLEAN = 'dc=clean,dc=scenarios,dc=test';
const FAULTY = 'dc=faulty,dc=scenarios,dc=test';
const clean = copyProvince('thuathienhue.gov.vn', CLEAN);
const faulty = copyProvince('thuathienhue.gov.vn', FAULTY);
const tmp = mkdtempSync(join(tmpdir(), 'danhba-fault-'));
const passFile = join(tmp, 'pw');
writeFileSync(passFile, ldap.bindPassword, { mode: 0o600 });

afterAll(() => {
  clean.cleanup();
  faulty.cleanup();
  rmSync(tmp, { recursive: true, force: true });
});

const STAFF = (status = '') => `
  - id: fault-1
    name: Trần Thị Trang
    title: Chuyên viên
    mailbox: tttrang.stttt@thuathienhue.gov.vn
  - id: fault-2
    name: Lê Văn Bình
    mailbox: lvbinh.stttt@thuathienhue.gov.vn
${status}  - id: fault-3
    name: Võ Thị Lan
    mailbox: vtlan.stttt@thuathienhue.gov.vn
  - id: fault-4
    name: Đỗ Văn Phúc
    mailbox: dvphuc.stttt@thuathienhue.gov.vn
`;

/** The starting data: four extra people in stttt. */
function before(root: string): void {
  edit(root, 'agencies/stttt.yaml', (t) => t.trimEnd() + '\n' + STAFF());
}

/** The change: creates, an address change, a transfer, suspensions, removal of a person, a unit and an agency. */
function after(root: string): void {
  const suspended = (who: string) => (t: string) => t.replace(`mailbox: ${who}\n`, `mailbox: ${who}\n    status: { state: suspended, from: ${TODAY}, reason: Kiểm tra, reference: CV 5/STTTT }\n`);
  edit(root, 'agencies/stttt.yaml', (t) => {
    let s = t
      .replace(/  - id: tt-giam-sat\n    name: .*\n    publicService: .*\n/, '')
      .replace(/    unit: tt-giam-sat.*\n/g, '')
      .replace('name: Trần Thị Trang', 'name: Phạm Thị Trang')
      .replace('mailbox: tttrang.stttt@', 'mailbox: pttrang.stttt@')
      .replace(/  - id: fault-4\n    name: .*\n    mailbox: .*\n/, '')
      .replace('mailbox: vtlan.stttt@thuathienhue.gov.vn\n', `mailbox: vtlan.stttt@thuathienhue.gov.vn\n    status: { state: forwarding, from: ${TODAY}, until: 2026-04-01, forwardTo: vtlan.stc@thuathienhue.gov.vn, reason: Điều chuyển, reference: QĐ 9/QĐ-UBND }\n`);
    s = suspended('lvbinh.stttt@thuathienhue.gov.vn')(s);
    s = suspended('nvminh.stttt@thuathienhue.gov.vn')(s);
    return s + ['Hoàng Văn An', 'Ngô Thị Bích', 'Phan Văn Cường'].map((n, i) => `  - id: fault-new-${i}\n    name: ${n}\n    mailbox: ${['hvan', 'ntbich', 'pvcuong'][i]}.stttt@thuathienhue.gov.vn\n`).join('');
  });
  edit(root, 'agencies/stc.yaml', (t) => t.trimEnd() + '\nstaff:\n  - id: fault-3\n    name: Võ Thị Lan\n    mailbox: vtlan.stc@thuathienhue.gov.vn\n');
  rmSync(join(root, 'agencies/syt.yaml'));
  edit(root, 'appendix.yaml', (t) => t.replace(/  - no: 33\n(    .*\n)+?(?=  - no: 34)/, ''));
}

/** ldapsearch's view of a tree, base-relative, entries and values sorted, operational attributes left out. */
function dump(base: string): string {
  const out = execFileSync('ldapsearch', ['-x', '-LLL', '-o', 'ldif-wrap=no', '-H', ldap.url, '-D', ldap.bindDN, '-y', passFile, '-b', base, '(objectClass=danhbaManaged)', '*', 'pwdAccountLockedTime'], { encoding: 'utf8', timeout: 30_000 });
  const rel = (s: string) => s.split(base).join('<base>');
  return out
    .trim()
    .split(/\n\n+/)
    .map((entry) => {
      const [dn, ...lines] = entry.split('\n');
      return [rel(dn), ...lines.map(rel).sort()].join('\n');
    })
    .sort()
    .join('\n\n');
}

function child(root: string, killAt: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'test/ldap/fault-child.ts')], {
      cwd: REPO,
      env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', ROOT: root, TODAY, KILL_AT: String(killAt), LDAP_URL: ldap.url, LDAP_BIND_DN: ldap.bindDN, LDAP_BIND_PASSWORD: ldap.bindPassword },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('exit', (code, signal) => resolve({ code, signal, out }));
  });
}

it('converges after apply is killed at random points of a mixed plan', async () => {
  const seed = Number(process.env.FAULT_SEED ?? Date.now() % 100_000);
  let x = seed;
  const random = (n: number) => 1 + ((x = (x * 48271) % 2147483647) % n);
  const sync = (root: string) => syncProvince({ root, apply: true, connection, today: TODAY, commit: null, allowMassRemoval: true });

  for (const p of [clean, faulty]) {
    before(p.root);
    expect((await sync(p.root)).status).toBe('applied');
    after(p.root);
  }
  const reference = await sync(clean.root);
  expect(reference.status, reference.error ?? JSON.stringify(reference.findings.filter((f) => f.severity === 'error'))).toBe('applied');
  const counts = reference.plan!.counts;
  expect(counts.create).toBeGreaterThan(3);
  expect(counts.rename).toBeGreaterThan(1);
  expect(counts.disable).toBeGreaterThan(4); // a person, a unit, an agency (OU, list, mailbox)
  expect(reference.plan!.removals).toBeGreaterThan(counts.disable); // + suspensions, a forward
  const writes = reference.apply!.writes;

  const kills: number[] = [];
  for (let i = 0; i < 4; i++) {
    const at = random(Math.max(2, Math.ceil(writes / 2)));
    const r = await child(faulty.root, at);
    kills.push(at);
    if (r.signal !== 'SIGKILL') {
      expect(JSON.parse(r.out).status, `seed ${seed}, kills ${kills}`).toMatch(/applied|no-changes/);
      break; // fewer writes left than the kill point: it finished
    }
  }
  const last = await child(faulty.root, 0);
  expect(JSON.parse(last.out).status, `seed ${seed}, kills ${kills}`).toMatch(/applied|no-changes/);
  const [got, want] = [dump(FAULTY), dump(CLEAN)];
  if (got !== want) {
    const g = new Set(got.split('\n\n'));
    const w = new Set(want.split('\n\n'));
    writeFileSync(join(tmpdir(), 'danhba-fault-diff.txt'), `seed ${seed} kills ${kills}\n--- only faulty\n${[...g].filter((e) => !w.has(e)).join('\n\n')}\n--- only clean\n${[...w].filter((e) => !g.has(e)).join('\n\n')}\n`);
  }
  expect(got, `seed ${seed}, kills ${kills} (entries that differ: ${join(tmpdir(), 'danhba-fault-diff.txt')})`).toBe(want);
  expect((await sync(faulty.root)).status).toBe('no-changes');
}, 180_000);
