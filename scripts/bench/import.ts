// Adoption benchmark (numbers, not a test): a province that already runs a directory of N
// legacy mailboxes. Two pipelines, each against a fresh slapd holding the legacy tree (people
// under ou=people with password hashes, most addresses in an old style):
//   LDAP: import --from ldap → validate → plan (refused: conflicts) → plan --adopt → apply --adopt → apply again
//   xlsx: the same people in an N-row .xlsx with Vietnamese headers → import --from xlsx → the same steps
// Every step is timed; the run checks 0 deletions, every password hash intact (by entryUUID)
// and 0 writes on the second apply. Writes its section of BENCHMARKS.md (between markers).
//   npm run bench:import -- [--people 10000] [--out BENCHMARKS.md] [--json]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { Client } from 'ldapts';
import { parseDocument } from 'yaml';
import { importCommand } from '../cli/commands/import.js';
import type { CommandEnv } from '../cli/command.js';
import { syncProvince } from '../ldap/sync.js';
import type { Agency } from '../model/types.js';
import { loadDirectory } from '../load/directory.js';
import { foldWords } from '../names/fold.js';
import { startSlapd, sshaHash, type Slapd } from '../servers/slapd.js';
import { validateProvince } from '../validate.js';
import { fmt, generatedProvince, ROOT, scratchDir } from './common.js';

const TODAY = '2026-11-25';
export const BEGIN = '<!-- bench:import -->';
export const END = '<!-- /bench:import -->';

const { values } = parseArgs({ options: { people: { type: 'string', default: '10000' }, out: { type: 'string', default: join(ROOT, 'BENCHMARKS.md') }, json: { type: 'boolean', default: false } } });
const wanted = Number(values.people);
/** A generated province has about two people in three of its mailboxes (the rest are agency and unit mailboxes). */
const n = Math.ceil(wanted * 1.6);
const log = (l: string) => process.stderr.write(l + '\n');

interface Legacy {
  uid: string;
  mail: string;
  cn: string;
  sn: string;
  given: string;
  title?: string;
  phone?: string;
  agency: string;
  unit?: string;
}

/** The people of a generated directory, two in three with an old-style address (given.initials), the rest as today's rule gives. */
function legacyPeople(agencies: Agency[], domain: string): Legacy[] {
  const out: Legacy[] = [];
  const used = new Set<string>();
  let i = 0;
  for (const a of agencies) {
    for (const p of a.staff) {
      if (p.status.state !== 'active') continue;
      const words = foldWords(p.name);
      let local = p.mailbox.split('@')[0];
      if (i++ % 3 !== 0 && words.length >= 2) {
        const base = `${words[words.length - 1]}.${words.slice(0, -1).map((w) => w[0]).join('')}`;
        local = base;
        for (let k = 2; used.has(local); k++) local = `${base}${k}`;
      }
      if (used.has(local)) continue;
      used.add(local);
      const unit = p.unit ? a.units.find((u) => u.id === p.unit)?.name : undefined;
      out.push({ uid: local, mail: `${local}@${domain}`, cn: p.name, sn: p.name.split(' ')[0], given: p.name.split(' ').at(-1)!, title: p.title, phone: p.phone, agency: a.name, unit });
    }
  }
  return out;
}

function ldifOf(base: string, people: Legacy[]): string {
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
  const line = (k: string, v: string) => (/^[\x20-\x7e]*$/.test(v) && !v.startsWith(' ') ? `${k}: ${v}` : `${k}:: ${b64(v)}`);
  const chunks = [`dn: ou=people,${base}\nobjectClass: organizationalUnit\nou: people\n`, `dn: ou=policies,${base}\nobjectClass: organizationalUnit\nou: policies\n`];
  chunks.push(`dn: cn=default,ou=policies,${base}\nobjectClass: organizationalRole\nobjectClass: pwdPolicy\ncn: default\npwdAttribute: userPassword\n`);
  const hash = sshaHash('mat-khau-cu');
  for (const p of people) {
    const attrs = [
      `dn: uid=${p.uid},ou=people,${base}`,
      'objectClass: inetOrgPerson',
      `uid: ${p.uid}`,
      line('cn', p.cn),
      line('sn', p.sn),
      line('givenName', p.given),
      `mail: ${p.mail}`,
      line('o', p.agency),
      ...(p.unit ? [line('ou', p.unit)] : []),
      ...(p.title ? [line('title', p.title)] : []),
      ...(p.phone ? [line('telephoneNumber', p.phone)] : []),
      `userPassword: ${hash}`,
    ];
    chunks.push(attrs.join('\n') + '\n');
  }
  return chunks.join('\n');
}

async function writeXlsx(file: string, people: Legacy[]): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('Danh sách');
  ws.addRow(['STT', 'Họ và tên', 'Chức vụ', 'Đơn vị', 'Phòng ban', 'Điện thoại', 'Thư điện tử']).commit();
  people.forEach((p, i) => ws.addRow([i + 1, p.cn, p.title ?? '', p.agency, p.unit ?? '', p.phone ?? '', p.mail]).commit());
  ws.commit();
  await wb.commit();
}

/** The generated province with every agency's staff removed: the skeleton a province starts from. */
function skeleton(generated: string, dir: string): string {
  const root = join(dir, 'skeleton');
  cpSync(generated, root, { recursive: true });
  for (const f of readdirSync(join(root, 'agencies'))) {
    const file = join(root, 'agencies', f);
    const doc = parseDocument(readFileSync(file, 'utf8'));
    doc.set('staff', []);
    writeFileSync(file, doc.toString({ lineWidth: 0 }));
  }
  return root;
}

async function timed<T>(label: string, fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const v = await fn();
  const ms = performance.now() - t;
  log(`    ${label}: ${fmt(ms)} ms`);
  return [v, ms];
}

async function passwords(s: Slapd, base: string): Promise<Map<string, string>> {
  const c = new Client({ url: s.url, timeout: 120_000 });
  await c.bind(s.bindDN, s.bindPassword);
  const out = new Map<string, string>();
  for await (const page of c.searchPaginated(base, { scope: 'sub', filter: '(userPassword=*)', attributes: ['userPassword', 'entryUUID'], paged: { pageSize: 1000 } })) {
    for (const e of page.searchEntries) out.set(String(e.entryUUID), String(e.userPassword));
  }
  await c.unbind();
  return out;
}

interface Pipeline {
  source: string;
  rows: number;
  importMs: number;
  created: number;
  legacy: number;
  refused: number;
  validateMs: number;
  errors: number;
  planMs: number;
  conflicts: number;
  planAdoptMs: number;
  adopt: number;
  create: number;
  deletes: number;
  applyMs: number;
  writes: number;
  passwordsIntact: boolean;
  secondApplyMs: number;
  secondWrites: number;
}

async function pipeline(from: 'ldap' | 'xlsx', generated: string, people: Legacy[], baseDN: string, dir: string): Promise<Pipeline> {
  log(`  ${from}:`);
  const slapd = await startSlapd({ suffixes: [baseDN], dbNoSync: true });
  try {
    const c = new Client({ url: slapd.url });
    await c.bind(slapd.bindDN, slapd.bindPassword);
    await c.add(baseDN, { objectClass: ['dcObject', 'organization'], dc: baseDN.split(',')[0].split('=')[1], o: 'legacy' });
    await c.unbind();
    const ldif = join(dir, `legacy-${from}.ldif`);
    writeFileSync(ldif, ldifOf(baseDN, people));
    const r = spawnSync('ldapadd', ['-x', '-H', slapd.url, '-D', slapd.bindDN, '-y', slapd.passwordFile, '-f', ldif], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
    if (r.status) throw new Error(`ldapadd: ${r.stderr.slice(0, 500)}`);
    const xlsx = join(dir, 'nhansu.xlsx');
    if (from === 'xlsx') await writeXlsx(xlsx, people);
    const out = join(dir, `out-${from}`);
    const env: CommandEnv = { lang: 'en', cwd: dir, stdout: (t) => lines.push(t), stderr: (t) => lines.push(t) };
    const lines: string[] = [];
    Object.assign(process.env, slapd.env);
    const args = ['--province', 'thuathienhue', '--directory', skeleton(generated, join(dir, from)), '--from', from, '--out', out, '--format', 'json', ...(from === 'xlsx' ? ['--file', xlsx] : [])];
    const [code, importMs] = await timed('import', () => importCommand.run(args, env));
    if (code !== 0) throw new Error(`import exit ${code}: ${lines.join('\n').slice(-2000)}`);
    const report = JSON.parse(lines.join('\n'));
    const [v, validateMs] = await timed('validate', () => validateProvince(out, { today: TODAY }));
    const errors = v.findings.filter((f) => f.severity === 'error').length;
    const connection = { url: slapd.url, bindDN: slapd.bindDN, bindPassword: slapd.bindPassword };
    const [plan, planMs] = await timed('plan', () => syncProvince({ root: out, apply: false, connection, today: TODAY, commit: null }));
    const [planAdopt, planAdoptMs] = await timed('plan --adopt', () => syncProvince({ root: out, apply: false, adopt: true, connection, today: TODAY, commit: null }));
    const before = await passwords(slapd, baseDN);
    const [applied, applyMs] = await timed('apply --adopt', () => syncProvince({ root: out, apply: true, adopt: true, connection, today: TODAY, commit: null }));
    if (applied.status !== 'applied') throw new Error(`apply: ${applied.status} ${applied.error ?? ''}`);
    const after = await passwords(slapd, baseDN);
    const intact = before.size === after.size && [...before].every(([k, v2]) => after.get(k) === v2);
    const [second, secondApplyMs] = await timed('second apply', () => syncProvince({ root: out, apply: true, connection, today: TODAY, commit: null }));
    const counts = planAdopt.plan!.counts;
    return {
      source: from,
      rows: report.rows,
      importMs,
      created: report.created,
      legacy: report.legacy.length,
      refused: report.refused.length,
      validateMs,
      errors,
      planMs,
      conflicts: plan.conflicts?.length ?? 0,
      planAdoptMs,
      adopt: counts.adopt ?? 0,
      create: counts.create,
      deletes: counts.delete + counts.disable,
      applyMs,
      writes: applied.apply?.writes ?? 0,
      passwordsIntact: intact,
      secondApplyMs,
      secondWrites: second.apply?.writes ?? 0,
    };
  } finally {
    await slapd.stop();
  }
}

const generated = generatedProvince('thuathienhue', n);
const loaded = await loadDirectory(generated);
const baseDN = loaded.dir.province!.ldap.baseDN;
const people = legacyPeople(loaded.dir.agencies, loaded.dir.province!.domain).slice(0, wanted);
log(`== adoption of ${fmt(people.length)} legacy mailboxes (${fmt(n)}-mailbox generated province)`);
const dir = scratchDir('danhba-bench-import-');
const results: Pipeline[] = [];
try {
  for (const from of ['ldap', 'xlsx'] as const) results.push(await pipeline(from, generated, people, baseDN, dir));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const s = (ms: number) => (ms >= 10_000 ? `${fmt(ms / 1000, 1)} s` : `${fmt(ms)} ms`);
const section = `${BEGIN}
## Adopting an existing directory (\`npm run bench:import\`, ${new Date().toISOString().slice(0, 10)})

A slapd holding ${fmt(people.length)} legacy mailboxes under \`ou=people\` (two in three with an old-style
address such as \`minh.nv@\`, each with a password hash), plus an existing \`ou=policies\` and default policy;
the province skeleton is a generated ${fmt(n)}-mailbox Huế province with its staff removed (the
legacy people are its first ${fmt(people.length)} people; its other agencies' mailboxes are created). One run each.

| step | from LDAP | from .xlsx (${fmt(results[1]?.rows ?? 0)} rows, Vietnamese headers) |
|---|---|---|
| import | ${results.map((r) => `${s(r.importMs)}: ${fmt(r.created)} people, ${fmt(r.legacy)} legacy, ${fmt(r.refused)} refused`).join(' | ')} |
| validate | ${results.map((r) => `${s(r.validateMs)}: ${fmt(r.errors)} errors`).join(' | ')} |
| plan (refuses) | ${results.map((r) => `${s(r.planMs)}: ${fmt(r.conflicts)} conflicts, no write`).join(' | ')} |
| plan --adopt | ${results.map((r) => `${s(r.planAdoptMs)}: ${fmt(r.adopt)} adopt, ${fmt(r.create)} create, ${fmt(r.deletes)} removals`).join(' | ')} |
| apply --adopt | ${results.map((r) => `${s(r.applyMs)}: ${fmt(r.writes)} writes; password hashes intact: ${r.passwordsIntact ? 'yes' : 'NO'}`).join(' | ')} |
| second apply | ${results.map((r) => `${s(r.secondApplyMs)}: ${fmt(r.secondWrites)} writes`).join(' | ')} |
${END}`;

if (values.json) console.log(JSON.stringify({ runs: results }));
const file = values.out!;
const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
const at = text.indexOf(BEGIN);
const next = at >= 0 ? text.slice(0, at) + section + text.slice(text.indexOf(END) + END.length) : text.trimEnd() + '\n\n' + section + '\n';
writeFileSync(file, next);
log(`wrote ${file}`);
