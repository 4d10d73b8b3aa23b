// The 2025 reorganisation at scale: a generated province loses its districts and its communes
// are merged three into one; `reorganize` writes the branch, `validate` judges it, and the LDAP
// plan against a real slapd holding the old directory must move people (modifyDN) with no
// delete + create pair and no address unaccounted for.
//   tsx scripts/bench/reorganize.ts [--province ninhbinh] [--mailboxes 30000] [--json]
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { reorganizeCommand } from '../cli/commands/reorganize.js';
import { syncProvince } from '../ldap/sync.js';
import { loadDirectory } from '../load/directory.js';
import { findProfile } from '../profiles/index.js';
import { startSlapd } from '../servers/slapd.js';
import { validateProvince } from '../validate.js';
import { fmt, generatedProvince, scratchDir, timed } from './common.js';

const { values } = parseArgs({ options: { province: { type: 'string', default: 'ninhbinh' }, mailboxes: { type: 'string', default: '30000' }, json: { type: 'boolean', default: false } } });
const profile = findProfile(values.province!)!;
const n = Number(values.mailboxes);
const TODAY = '2025-07-15';

/** Every district abolished (its people and mailbox to the first new commune), communes merged by three. */
async function mappingFor(root: string): Promise<string> {
  const { dir } = await loadDirectory(root);
  const lines = ['basis: { reference: Nghị quyết bench/2025, date: 2025-06-16, title: Sắp xếp (benchmark) }', 'effective: 2025-07-01', 'changes:'];
  for (const district of dir.agencies.filter((a) => a.kind === 'district')) {
    const communes = dir.agencies.filter((a) => a.parent === district.id && a.kind === 'commune');
    const targets: string[] = [];
    for (let i = 0; i < communes.length; i += 3) {
      const group = communes.slice(i, i + 3);
      const id = `${group[0].id}-moi`;
      targets.push(id);
      lines.push(`  - merge: [${group.map((c) => c.id).join(', ')}]`, `    into: { id: ${id}, name: "UBND xã ${id}", kind: commune, mailbox: ${id.replace(/-/g, '')}@${profile.domain}, maintainers: [bench] }`);
    }
    lines.push(`  - abolish: ${district.id}`, `    forwardTo: ${targets[0] ? `${targets[0].replace(/-/g, '')}@${profile.domain}` : `ubnd@${profile.domain}`}`);
    if (targets[0]) lines.push(`    staffTo: ${targets[0]}`);
  }
  return lines.join('\n') + '\n';
}

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28 }).trim();

const work = scratchDir('danhba-bench-reorg-');
const root = join(work, profile.domain);
cpSync(generatedProvince(profile.id, n), root, { recursive: true });
const base = `dc=${profile.id},dc=bench`;
// The synthetic province uses the profile's own base; point it at the bench server's suffix.
const provinceFile = join(root, 'province.yaml');
writeFileSync(provinceFile, execFileSync('sed', [`s/baseDN: .*/baseDN: ${base}/`, provinceFile], { encoding: 'utf8' }));
mkdirSync(join(root, 'reorganisations'), { recursive: true });
writeFileSync(join(root, 'reorganisations', '2025-07-01-bench.yaml'), await mappingFor(root));
git(work, 'init', '-q', '-b', 'main');
git(work, '-c', 'user.name=b', '-c', 'user.email=b@b', 'add', '-A');
git(work, '-c', 'user.name=b', '-c', 'user.email=b@b', 'commit', '-qm', 'generated');

const slapd = await startSlapd({ suffixes: [base], dbNoSync: true });
try {
  const connection = { url: slapd.url, bindDN: slapd.bindDN, bindPassword: slapd.bindPassword };
  const load = await timed(() => syncProvince({ root, apply: true, connection, today: TODAY, commit: null }));
  if (load.value.status !== 'applied') throw new Error(`first load: ${load.value.status} ${load.value.error ?? ''}`);
  const out: string[] = [];
  const env = { lang: 'en' as const, cwd: work, stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(t) };
  process.env.GIT_AUTHOR_NAME = process.env.GIT_COMMITTER_NAME = 'bench';
  process.env.GIT_AUTHOR_EMAIL = process.env.GIT_COMMITTER_EMAIL = 'bench@bench';
  const reorganize = await timed(() => reorganizeCommand.run([join(profile.domain, 'reorganisations', '2025-07-01-bench.yaml'), '--branch', 'sap-xep', '--forward-months', '2', '--format', 'json'], env));
  const report = JSON.parse(out.join('\n').slice(out.join('\n').indexOf('{'))) as { addresses: { outcome: string }[] };
  const validate = await timed(() => validateProvince(root, { today: TODAY }));
  const plan = await timed(() => syncProvince({ root, apply: false, connection, today: TODAY, commit: null }));
  const changes = plan.value.plan!.changes;
  const creates = new Set(changes.filter((c) => c.action === 'create').map((c) => c.id));
  const deletePlusCreate = changes.filter((c) => c.action === 'delete' && creates.has(c.id)).length;
  const apply = await timed(() => syncProvince({ root, apply: true, connection, today: TODAY, commit: null, allowMassRemoval: true }));
  const outcomes: Record<string, number> = {};
  for (const a of report.addresses) outcomes[a.outcome] = (outcomes[a.outcome] ?? 0) + 1;
  const result = {
    mailboxes: n,
    commits: Number(git(work, 'rev-list', '--count', 'main..sap-xep')),
    oldAddresses: report.addresses.length,
    ...Object.fromEntries(Object.entries(outcomes).map(([k, v]) => [`outcome_${k}`, v])),
    reorganizeExit: reorganize.value,
    reorganizeMs: Math.round(reorganize.ms),
    validateMs: Math.round(validate.ms),
    validateErrors: validate.value.findings.filter((f) => f.severity === 'error').length,
    planMs: Math.round(plan.ms),
    renames: changes.filter((c) => c.newDn).length,
    deletes: changes.filter((c) => c.action === 'delete').length,
    deletePlusCreate,
    applyMs: Math.round(apply.ms),
    applyStatus: apply.value.status === 'applied' ? 1 : 0,
  };
  if (values.json) console.log(JSON.stringify(result));
  else for (const [k, v] of Object.entries(result)) console.log(`${k.padEnd(22)} ${typeof v === 'number' ? fmt(v) : v}`);
} finally {
  await slapd.stop();
}
