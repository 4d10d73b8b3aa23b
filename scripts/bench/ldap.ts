// LDAP sync benchmark (numbers, not a test): for 10,000 and 100,000 mailboxes, first load,
// no-op sync (must make zero writes) and a 100-change delta through danhba, next to `ldapadd`
// and `slapadd` loading the same entries as LDIF. Each run uses a fresh throwaway slapd
// (dbnosync). Usage: tsx scripts/bench/ldap.ts [10000 100000]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileDirectory } from '../ldap/compile.js';
import { compiledLdif } from '../ldap/ldif.js';
import { startSlapd } from '../ldap/slapd.js';
import { syncProvince } from '../ldap/sync.js';
import type { Agency, Directory, Person, Province, Status } from '../model/types.js';
import { thuathienhue } from '../profiles/thuathienhue.js';

// ---- synthetic directory, in memory (the `generate` command will replace this) ----------------

const DOMAIN = 'thuathienhue.gov.vn';
const BASE = 'dc=thuathienhue,dc=gov,dc=vn';
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Phan', 'Vũ', 'Đặng', 'Bùi', 'Đỗ'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Thu', 'Quang', 'Ngọc'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Hà', 'Hải', 'Hùng', 'Lan', 'Minh', 'Nga', 'Phúc', 'Tâm', 'Thảo', 'Tuấn', 'Vy'];
const PER_AGENCY = 100; // mailboxes per agency: the agency's own + 99 staff
const loc = { file: 'synthetic', line: 1, col: 1 };
const active: Status = { state: 'active' };

function person(a: number, j: number): Person {
  const n = a * PER_AGENCY + j;
  const name = `${FAMILY[n % FAMILY.length]} ${MIDDLE[(n >> 3) % MIDDLE.length]} ${GIVEN[(n >> 5) % GIVEN.length]}`;
  return { id: `p${a}-${j}`, name, title: 'Chuyên viên', mailbox: `u${j}.a${a}@${DOMAIN}`, public: true, status: active, at: { self: loc } };
}

export function syntheticDirectory(mailboxes: number): Directory {
  const province: Province = {
    ruleSet: 'thuathienhue',
    name: 'Thừa Thiên Huế',
    domain: DOMAIN,
    decision: 'QĐ 65/2018',
    contacts: { corrections: `tiepnhan@${DOMAIN}` },
    administrators: [],
    quotasMB: { personal: 5120 },
    ldap: { baseDN: BASE },
    file: 'synthetic',
    at: { self: loc },
  };
  const agencies: Agency[] = [];
  for (let a = 0, left = mailboxes; left > 0; a++, left -= PER_AGENCY) {
    const staff = Array.from({ length: Math.min(PER_AGENCY, left) - 1 }, (_, j) => person(a, j));
    agencies.push({ id: `a${a}`, name: `Cơ quan thử nghiệm số ${a}`, kind: 'provincial', mailbox: `a${a}@${DOMAIN}`, maintainers: [], status: active, units: [], staff, file: `agencies/a${a}.yaml`, at: { self: loc } });
  }
  return { root: 'synthetic', province, agencies };
}

// ---- measurements ----------------------------------------------------------------------------

const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString('en')}/s`;
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await f();
  return [r, performance.now() - t];
}

async function benchSize(mailboxes: number): Promise<void> {
  const dir = syntheticDirectory(mailboxes);
  const compiled = compileDirectory(dir, thuathienhue, { today: '2026-01-01', commit: 'bench' });
  const entries = compiled.entries.length + 1;
  console.log(`\n## ${mailboxes.toLocaleString('en')} mailboxes → ${entries.toLocaleString('en')} LDAP entries (incl. OUs, groups, policies, base)`);

  const server = await startSlapd({ suffixes: [BASE], dbNoSync: true });
  const connection = { url: server.url, bindDN: server.bindDN, bindPassword: server.bindPassword };
  const run = (d: Directory, allow = false) => syncProvince({ root: 'synthetic', directory: d, apply: true, connection, today: '2026-01-01', commit: 'bench', allowMassRemoval: allow });
  try {
    const [first, t1] = await timed(() => run(dir));
    console.log(`danhba apply, first load : ${secs(t1)}  ${rate(first.apply?.writes ?? 0, t1)} (${first.apply?.writes} writes, status ${first.status})`);
    const [noop, t2] = await timed(() => run(dir));
    console.log(`danhba apply, no-op      : ${secs(t2)}  ${rate(noop.plan!.managed, t2)} entries read+diffed, ${noop.apply?.writes ?? 0} writes (status ${noop.status})`);
    const changed = structuredClone(dir);
    for (let i = 0; i < 100; i++) changed.agencies[i % changed.agencies.length].staff[Math.floor(i / changed.agencies.length)].title = `Trưởng phòng ${i}`;
    const [delta, t3] = await timed(() => run(changed));
    console.log(`danhba apply, 100 changes: ${secs(t3)}  ${rate(delta.plan!.managed, t3)} entries read+diffed, ${delta.apply?.writes} writes (status ${delta.status})`);
  } finally {
    await server.stop();
  }

  const tmp = mkdtempSync(join(tmpdir(), 'danhba-bench-'));
  try {
    const ldif = join(tmp, 'all.ldif');
    writeFileSync(ldif, [...compiledLdif(compiled)].join(''));
    const fresh = await startSlapd({ suffixes: [BASE], dbNoSync: true });
    try {
      const t = performance.now();
      const r = spawnSync('ldapadd', ['-x', '-H', fresh.url, '-D', fresh.bindDN, '-w', fresh.bindPassword, '-f', ldif], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
      const ms = performance.now() - t;
      console.log(`ldapadd -x -f (same LDIF): ${secs(ms)}  ${rate(entries, ms)}${r.status ? ` (exit ${r.status}: ${r.stderr.slice(0, 200)})` : ''}`);
    } finally {
      await fresh.stop();
    }
    // slapadd: offline, into a stopped server's data directory.
    const offline = join(tmp, 'slapd');
    const s = await startSlapd({ suffixes: [BASE], dataDir: offline, dbNoSync: true });
    await s.stop();
    const t = performance.now();
    const r = spawnSync('/usr/sbin/slapadd', ['-q', '-f', join(offline, 'slapd.conf'), '-b', BASE, '-l', ldif], { encoding: 'utf8' });
    const ms = performance.now() - t;
    console.log(`slapadd -q (offline)     : ${secs(ms)}  ${rate(entries, ms)}${r.status ? ` (exit ${r.status}: ${r.stderr.slice(0, 200)})` : ''}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  console.log('# danhba LDAP sync benchmark (loopback, dbnosync; client and server share the machine)');
  for (const n of sizes.length ? sizes : [10_000, 100_000]) await benchSize(n);
}
