// Three provinces merged into one across domains (the 2025 reorganisation: Ninh Bình ← Hà Nam,
// Nam Định): a generated Ninh Bình of N mailboxes, synced into a real slapd, receives two
// provinces of N mailboxes each, generated with another profile's generator (Cần Thơ's, two
// seeds, so their person ids clash with each other and are re-keyed) and re-domained to
// hanam.gov.vn and namdinh.gov.vn, read as data under their domains. `reorganize` writes the
// branch, `validate` judges it, `plan` + `apply` carry it into slapd (the bench's own, not a
// production server), and the plan a transition later (forwards) is measured too. Checked:
// every old address accounted for, no delete and no delete + create pair.
//   tsx scripts/bench/merge-provinces.ts [--mailboxes 30000] [--donor cantho] [--json]
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { reorganizeCommand } from '../cli/commands/reorganize.js';
import { attr } from '../ldap/mapping.js';
import { syncProvince } from '../ldap/sync.js';
import { mailboxesOf } from '../model/mailboxes.js';
import { loadDirectory } from '../load/directory.js';
import { findProfile } from '../profiles/index.js';
import { startSlapd } from '../servers/slapd.js';
import { validateProvince } from '../validate.js';
import { fmt, generatedProvince, scratchDir, timed } from './common.js';

const { values } = parseArgs({ options: { mailboxes: { type: 'string', default: '30000' }, donor: { type: 'string', default: 'cantho' }, json: { type: 'boolean', default: false } } });
const n = Number(values.mailboxes);
const receiving = findProfile('ninhbinh')!;
const donor = findProfile(values.donor!)!;
const ABSORBED = [
  { domain: 'hanam.gov.vn', name: 'Hà Nam', seed: 2 },
  { domain: 'namdinh.gov.vn', name: 'Nam Định', seed: 3 },
];
const REFERENCE = 'Nghị quyết 202/2025/QH15';
const ALIAS_DAY = '2025-07-15';
const FORWARD_DAY = '2025-10-15';
const log = (line: string) => process.stderr.write(line + '\n');

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28 }).trim();

const work = scratchDir('danhba-bench-merge-');
const repo = join(work, 'repo');
const root = join(repo, 'directory', receiving.domain);
cpSync(generatedProvince(receiving.id, n), root, { recursive: true });
const base = `dc=${receiving.id},dc=bench`;
writeFileSync(join(root, 'province.yaml'), readFileSync(join(root, 'province.yaml'), 'utf8').replace(/baseDN: .*/, `baseDN: ${base}`));
// The absorbed provinces: agency files only (no profile of theirs in danhba), under their own domain.
let oldAddresses = 0;
for (const a of ABSORBED) {
  const from = join(generatedProvince(donor.id, n, a.seed), 'agencies');
  const to = join(repo, 'directory', a.domain, 'agencies');
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) writeFileSync(join(to, name), readFileSync(join(from, name), 'utf8').replaceAll(`@${donor.domain}`, `@${a.domain}`));
  const { dir } = await loadDirectory(join(repo, 'directory', a.domain));
  for (const agency of dir.agencies) oldAddresses += [...mailboxesOf(agency)].length;
}
mkdirSync(join(root, 'reorganisations'), { recursive: true });
const mappingPath = join('directory', receiving.domain, 'reorganisations', '2025-07-01-sap-nhap.yaml');
writeFileSync(
  join(repo, mappingPath),
  [
    `basis: { reference: ${REFERENCE}, date: 2025-06-12, title: Sắp xếp đơn vị hành chính cấp tỉnh (benchmark) }`,
    'effective: 2025-07-01',
    'changes:',
    ...ABSORBED.flatMap((a) => [`  - mergeProvince: ${a.domain}`, `    name: ${a.name}`, '    transitionMonths: 3']),
  ].join('\n') + '\n',
);
git(repo, 'init', '-q', '-b', 'main');
git(repo, '-c', 'user.name=b', '-c', 'user.email=b@b', 'add', '-A');
git(repo, '-c', 'user.name=b', '-c', 'user.email=b@b', 'commit', '-qm', 'generated');

const slapd = await startSlapd({ suffixes: [base], dbNoSync: true });
try {
  const connection = { url: slapd.url, bindDN: slapd.bindDN, bindPassword: slapd.bindPassword };
  log(`load ${fmt(n)} mailboxes of ${receiving.name} into slapd …`);
  const load = await timed(() => syncProvince({ root, apply: true, connection, today: ALIAS_DAY, commit: null }));
  if (load.value.status !== 'applied') throw new Error(`first load: ${load.value.status} ${load.value.error ?? ''}`);
  const out: string[] = [];
  const env = { lang: 'en' as const, cwd: repo, stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(t) };
  process.env.GIT_AUTHOR_NAME = process.env.GIT_COMMITTER_NAME = 'bench';
  process.env.GIT_AUTHOR_EMAIL = process.env.GIT_COMMITTER_EMAIL = 'bench@bench';
  log('reorganize …');
  const reorganize = await timed(() => reorganizeCommand.run([mappingPath, '--branch', 'sap-nhap', '--forward-months', '2', '--format', 'json'], env));
  const text = out.join('\n');
  if (!text.includes('{')) throw new Error(`reorganize: ${text.slice(0, 4000)}`);
  const report = JSON.parse(text.slice(text.indexOf('{'))) as { addresses: { address: string; outcome: string }[] };
  const accounted = new Set(report.addresses.filter((a) => ABSORBED.some((x) => a.address.endsWith(`@${x.domain}`))).map((a) => a.address));
  log('validate …');
  const validate = await timed(() => validateProvince(root, { today: ALIAS_DAY }));
  log('plan …');
  const plan = await timed(() => syncProvince({ root, apply: false, connection, today: ALIAS_DAY, commit: null }));
  const changes = plan.value.plan!.changes;
  const creates = new Set(changes.filter((c) => c.action === 'create').map((c) => c.id));
  const aliased = changes.filter((c) => c.action === 'create' && (c.attrs?.[attr.aliases] ?? []).some((a) => ABSORBED.some((x) => a.endsWith(`@${x.domain}`)))).length;
  log('apply …');
  const act = { reorganisations: [REFERENCE], reorganisation: REFERENCE };
  const apply = await timed(() => syncProvince({ root, apply: true, connection, today: ALIAS_DAY, commit: null, ...act }));
  const again = await timed(() => syncProvince({ root, apply: false, connection, today: ALIAS_DAY, commit: null }));
  log('plan at the end of the transition …');
  const forward = await timed(() => syncProvince({ root, apply: false, connection, today: FORWARD_DAY, commit: null, ...act }));
  const fchanges = forward.value.plan!.changes;
  const outcomes: Record<string, number> = {};
  for (const a of report.addresses) outcomes[a.outcome] = (outcomes[a.outcome] ?? 0) + 1;
  const result = {
    mailboxesPerProvince: n,
    oldAddresses,
    accounted: accounted.size,
    lost: oldAddresses - accounted.size,
    ...Object.fromEntries(Object.entries(outcomes).map(([k, v]) => [`outcome_${k}`, v])),
    // Re-keyed ids: the archive entries whose id changed say so in importedFrom (new entries always carry it).
    rekeyed: Number(git(repo, 'grep', '-c', 'importedFrom: "directory/', 'sap-nhap', '--', ...ABSORBED.map((a) => `directory/${receiving.domain}/agencies/${a.domain.split('.')[0]}-*`)).split('\n').reduce((s, l) => s + Number(l.split(':').pop()), 0)),
    reorganizeExit: reorganize.value,
    loadMs: Math.round(load.ms),
    reorganizeMs: Math.round(reorganize.ms),
    validateMs: Math.round(validate.ms),
    validateErrors: validate.value.findings.filter((f) => f.severity === 'error').length,
    planMs: Math.round(plan.ms),
    creates: creates.size,
    createsWithOldAlias: aliased,
    renames: changes.filter((c) => c.newDn).length,
    deletes: changes.filter((c) => c.action === 'delete').length,
    deletePlusCreate: changes.filter((c) => c.action === 'delete' && creates.has(c.id)).length,
    applyMs: Math.round(apply.ms),
    applyStatus: apply.value.status === 'applied' ? 1 : 0,
    secondPlanChanges: again.value.plan?.changes.length ?? -1,
    forwardPlanMs: Math.round(forward.ms),
    forwardUpdates: fchanges.filter((c) => c.action === 'update').length,
    forwardCreatesOrDeletes: fchanges.filter((c) => c.action === 'create' || c.action === 'delete').length,
    loadAverage1m: Number(loadavg()[0].toFixed(1)),
  };
  if (values.json) console.log(JSON.stringify(result));
  else for (const [k, v] of Object.entries(result)) console.log(`${k.padEnd(26)} ${typeof v === 'number' ? fmt(v, Number.isInteger(v) ? 0 : 1) : v}`);
} finally {
  await slapd.stop();
  rmSync(work, { recursive: true, force: true });
}
