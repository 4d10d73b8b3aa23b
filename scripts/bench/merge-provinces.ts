// Three provinces merged into one across domains (the 2025 reorganisation: Ninh Bình ← Hà Nam,
// Nam Định): a generated Ninh Bình of N mailboxes, synced into a real slapd, receives two
// provinces of N mailboxes each, generated with another profile's generator (Cần Thơ's, two
// seeds, so their person ids clash with each other and are re-keyed) and re-domained to
// hanam.gov.vn and namdinh.gov.vn, read as data under their domains. `reorganize` writes the
// branch, `validate` judges it, `plan` + `apply` carry it into slapd (the bench's own, not a
// production server), and the plan a transition later (forwards) is measured too. Checked:
// every old address accounted for, no delete and no delete + create pair.
//
// Each step is the `danhba` command a person runs, in its own Node process with the default
// heap (scripts/bench/rss.ts: its wall time and peak RSS); its output goes to a file that this
// script reads one change at a time, so nothing here holds a plan or a model either.
//   tsx scripts/bench/merge-provinces.ts [--mailboxes 30000] [--donor cantho] [--json] [--keep] [--cpu-prof]
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, createReadStream, createWriteStream, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { attr } from '../ldap/mapping.js';
import { findProfile } from '../profiles/index.js';
import { startSlapd } from '../servers/slapd.js';
import { ROOT, fmt, generatedProvince, scratchDir } from './common.js';

const { values } = parseArgs({
  options: {
    mailboxes: { type: 'string', default: '30000' },
    donor: { type: 'string', default: 'cantho' },
    json: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    'cpu-prof': { type: 'boolean', default: false },
  },
});
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
const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28 }).trim();

interface Step {
  exitCode: number;
  maxRssMB: number;
  ms: number;
  cpuMs: number;
  load: number;
}

/** One `danhba` command in a fresh process (default heap), stdout to `out`; its figures from rss.ts. */
async function step(name: string, args: string[], out: string, env: Record<string, string>, cwd: string): Promise<Step> {
  const report = join(work, `${name}.rss.json`);
  const prof = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${join(work, 'prof')}`, `--cpu-prof-name=${name}.cpuprofile`] : [];
  log(`${name} …`);
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, [...prof, '--import', import.meta.resolve('tsx'), join(ROOT, 'scripts/bench/rss.ts'), ...args], {
      cwd,
      env: { ...process.env, ...env, DANHBA_RSS_REPORT: report },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    const sink = createWriteStream(out);
    child.stdout.pipe(sink);
    child.stderr.on('data', (b: Buffer) => chunks.push(b));
    child.on('error', reject);
    child.on('close', async (c) => {
      if (!sink.writableFinished) await once(sink, 'finish');
      if (c !== 0 && c !== 1 || !existsSync(report)) process.stderr.write(Buffer.concat(chunks).toString('utf8').slice(-4000));
      resolve(c ?? -1);
    });
  });
  const r = JSON.parse(readFileSync(report, 'utf8')) as { exitCode: number; maxRssMB: number; ms: number; cpuMs: number };
  const s = { ...r, exitCode: code, load: Number(loadavg()[0].toFixed(1)) };
  log(`${name}: exit ${s.exitCode}, ${fmt(s.ms / 1000, 1)} s (CPU ${fmt(s.cpuMs / 1000, 1)} s), ${fmt(s.maxRssMB)} MB, load ${s.load}`);
  return s;
}

/** The changes of a `plan --format json` file, one at a time (each is indented four spaces). */
async function* changesOf(path: string): AsyncGenerator<{ action: string; id: string; dn: string; newDn?: string; attributes?: Record<string, string[]> }> {
  let buf: string[] | undefined;
  for await (const line of createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })) {
    if (line === '    {') buf = [line];
    else if (buf) {
      buf.push(line);
      if (line === '    }' || line === '    },') {
        yield JSON.parse(buf.join('\n').replace(/,$/, ''));
        buf = undefined;
      }
    }
  }
}

/** Counts of a plan file: creates, deletes, renames, updates, and which creates carry an old-domain alias. */
async function countPlan(path: string) {
  const creates = new Set<string>();
  const deletes = new Set<string>();
  let renames = 0;
  let updates = 0;
  let withOldAlias = 0;
  for await (const c of changesOf(path)) {
    if (c.action === 'create') {
      creates.add(c.id);
      if ((c.attributes?.[attr.aliases] ?? []).some((v) => ABSORBED.some((x) => v.endsWith(`@${x.domain}`)))) withOldAlias++;
    } else if (c.action === 'delete') deletes.add(c.id);
    else updates++;
    if (c.newDn) renames++;
  }
  const status = (readFileSync(path, 'utf8').slice(0, 400).match(/"status": "([^"]+)"/) ?? [])[1];
  return { status, creates: creates.size, deletes: deletes.size, deletePlusCreate: [...deletes].filter((id) => creates.has(id)).length, renames, updates, withOldAlias };
}

const work = scratchDir('danhba-bench-merge-');
const repo = join(work, 'repo');
const root = join(repo, 'directory', receiving.domain);
const started = performance.now();
try {
  log(`generate / copy 3 × ${fmt(n)} mailboxes …`);
  cpSync(generatedProvince(receiving.id, n), root, { recursive: true });
  const base = `dc=${receiving.id},dc=bench`;
  writeFileSync(join(root, 'province.yaml'), readFileSync(join(root, 'province.yaml'), 'utf8').replace(/baseDN: .*/, `baseDN: ${base}`));
  // The absorbed provinces: agency files only (no profile of theirs in danhba), under their own domain.
  // Their old addresses are counted from the files (every `mailbox:` / `adminMailbox:` line).
  const oldAddresses = new Set<string>();
  for (const a of ABSORBED) {
    const from = join(generatedProvince(donor.id, n, a.seed), 'agencies');
    const to = join(repo, 'directory', a.domain, 'agencies');
    mkdirSync(to, { recursive: true });
    for (const name of readdirSync(from)) {
      const text = readFileSync(join(from, name), 'utf8').replaceAll(`@${donor.domain}`, `@${a.domain}`);
      writeFileSync(join(to, name), text);
      for (const m of text.matchAll(/^\s*(?:- )?(?:mailbox|adminMailbox): *"?([^"\s#]+@[^"\s#]+)/gm)) oldAddresses.add(m[1]);
    }
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
    const env = { ...slapd.env, LDAP_TIMEOUT_SECONDS: '600', GIT_AUTHOR_NAME: 'bench', GIT_COMMITTER_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@bench', GIT_COMMITTER_EMAIL: 'bench@bench' };
    const sync = (day: string) => ['--directory', root, '--today', day, '--format', 'json', '--lang', 'en'];
    const load = await step('load', ['apply', ...sync(ALIAS_DAY)], join(work, 'load.json'), env, repo);
    if (load.exitCode !== 0) throw new Error(`first load: exit ${load.exitCode}`);

    const reorganize = await step('reorganize', ['reorganize', mappingPath, '--branch', 'sap-nhap', '--forward-months', '2', '--format', 'json', '--lang', 'en'], join(work, 'reorganize.json'), env, repo);
    const text = readFileSync(join(work, 'reorganize.json'), 'utf8');
    if (!text.includes('{')) throw new Error(`reorganize: ${text.slice(0, 4000)}`);
    const report = JSON.parse(text.slice(text.indexOf('{'))) as { addresses: { address: string; outcome: string }[] };
    const accounted = new Set(report.addresses.map((a) => a.address));
    const lost = [...oldAddresses].filter((a) => !accounted.has(a));
    const outcomes: Record<string, number> = {};
    for (const a of report.addresses) if (oldAddresses.has(a.address)) outcomes[a.outcome] = (outcomes[a.outcome] ?? 0) + 1;
    const rekeyed = Number(
      git(repo, 'grep', '-c', 'importedFrom: "directory/', 'sap-nhap', '--', ...ABSORBED.map((a) => `directory/${receiving.domain}/agencies/${a.domain.split('.')[0]}-*`))
        .split('\n')
        .reduce((s, l) => s + Number(l.split(':').pop()), 0),
    );

    const validate = await step('validate', ['validate', root, '--as-of', ALIAS_DAY, '--no-history', '--format', 'json', '--lang', 'en'], join(work, 'validate.json'), env, repo);
    const validateErrors = (readFileSync(join(work, 'validate.json'), 'utf8').match(/"severity": "error"/g) ?? []).length;

    const plan = await step('plan', ['plan', ...sync(ALIAS_DAY)], join(work, 'plan.json'), env, repo);
    const planned = await countPlan(join(work, 'plan.json'));
    const act = ['--reorganisation', mappingPath];
    const apply = await step('apply', ['apply', ...sync(ALIAS_DAY), ...act], join(work, 'apply.json'), env, repo);
    const applied = await countPlan(join(work, 'apply.json'));
    const again = await step('plan-again', ['plan', ...sync(ALIAS_DAY)], join(work, 'again.json'), env, repo);
    const second = await countPlan(join(work, 'again.json'));
    const forward = await step('plan-forward', ['plan', ...sync(FORWARD_DAY), ...act], join(work, 'forward.json'), env, repo);
    const fwd = await countPlan(join(work, 'forward.json'));

    // cpuMs: user + system time of the step's threads, what an idle machine's wall time approaches (less moved by other load than ms).
    const stepFigures = (name: string, s: Step) => ({ [`${name}Ms`]: s.ms, [`${name}CpuMs`]: s.cpuMs, [`${name}RssMB`]: s.maxRssMB, [`${name}Exit`]: s.exitCode, [`${name}Load`]: s.load });
    const result = {
      mailboxesPerProvince: n,
      oldAddresses: oldAddresses.size,
      accounted: oldAddresses.size - lost.length,
      lost: lost.length,
      ...Object.fromEntries(Object.entries(outcomes).map(([k, v]) => [`outcome_${k}`, v])),
      rekeyed,
      ...stepFigures('load', load),
      ...stepFigures('reorganize', reorganize),
      ...stepFigures('validate', validate),
      validateErrors,
      ...stepFigures('plan', plan),
      planStatus: planned.status,
      creates: planned.creates,
      createsWithOldAlias: planned.withOldAlias,
      renames: planned.renames,
      deletes: planned.deletes,
      deletePlusCreate: planned.deletePlusCreate,
      ...stepFigures('apply', apply),
      applyStatus: applied.status,
      applyDeletes: applied.deletes,
      applyDeletePlusCreate: applied.deletePlusCreate,
      ...stepFigures('planAgain', again),
      secondPlanChanges: second.creates + second.deletes + second.updates,
      ...stepFigures('forwardPlan', forward),
      forwardUpdates: fwd.updates,
      forwardCreatesOrDeletes: fwd.creates + fwd.deletes,
      totalMs: Math.round(performance.now() - started),
      loadAverage: loadavg().map((x) => Number(x.toFixed(1))).join(' '),
    };
    if (lost.length) log(`lost, e.g.: ${lost.slice(0, 5).join(', ')}`);
    if (values.json) console.log(JSON.stringify(result));
    else for (const [k, v] of Object.entries(result)) console.log(`${k.padEnd(26)} ${typeof v === 'number' ? fmt(v, Number.isInteger(v) ? 0 : 1) : v}`);
  } finally {
    await slapd.stop();
  }
} finally {
  if (values.keep) log(`kept: ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
