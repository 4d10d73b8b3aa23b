// `npm start`: the main job on the embedded default. Validate every province in directory/,
// sync each into LDAP (an embedded slapd started by the project unless LDAP_URL is set), build
// the public site of every province and serve it on 127.0.0.1.
import { parseArgs } from 'node:util';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { connectionFromEnv, type Connection } from '../../ldap/client.js';
import { formatApply, formatPlan } from '../../ldap/format.js';
import { provinceSuffixes, runningSlapdEnv, startSlapd, type Slapd } from '../../servers/slapd.js';
import { syncProvince } from '../../ldap/sync.js';
import { buildAllSites } from '../../site/all.js';
import { serveStatic } from '../../site/serve.js';
import { UsageError, type Command, type CommandEnv } from '../command.js';
import { ensureMailReader } from '../../mail/reader.js';
import { mailProvince, startMailSystem, type MailSystem } from '../../mail/system.js';
import { baseDnOf } from '../../passwords/province.js';
import { findProfile } from '../../profiles/index.js';
import { DEFAULT_DIRECTORY, provinceRoots } from '../provinces.js';
import { countBySeverity, formatHuman } from '../../report/human.js';
import { validateProvince } from '../../validate.js';
import type { Lang } from '../../i18n.js';
import type { Directory } from '../../model/types.js';
import { countsLine } from '../../ldap/format.js';
import type { Counts } from '../../ldap/plan.js';
import type { SyncResult } from '../../ldap/sync.js';

const DEV_SLAPD = '.danhba/slapd'; // where `npm run ldap:up` keeps its server
const START_SLAPD = '.danhba/start-slapd';
const PLAN_FILE = '.danhba/start-plan.txt'; // the attribute-level plan of the last start

/** The LDAP server to sync into: LDAP_URL, a running `ldap:up` server, or a new embedded one. */
async function ldapTarget(env: CommandEnv, directory: string): Promise<{ connection: Connection; slapd?: Slapd; label: string }> {
  const fromEnv = connectionFromEnv();
  if (fromEnv) return { connection: fromEnv, label: fromEnv.url };
  const dev = connectionFromEnv(runningSlapdEnv(resolve(env.cwd, DEV_SLAPD)) ?? {});
  if (dev) return { connection: dev, label: `${dev.url} (npm run ldap:up)` };
  const slapd = await startSlapd({ suffixes: provinceSuffixes(resolve(env.cwd, directory)), dataDir: resolve(env.cwd, START_SLAPD), log: (l) => env.stderr(l) });
  return { connection: { url: slapd.url, bindDN: slapd.bindDN, bindPassword: slapd.bindPassword }, slapd, label: `${slapd.url} (slapd ${slapd.pid}, ${START_SLAPD})` };
}

/** What one province went through, for the one line a newcomer reads. */
interface ProvinceRun {
  name: string;
  folder: string;
  errors: number;
  warnings: number;
  people: number;
  sync?: SyncResult;
  site?: string;
}

function syncWords(r: SyncResult | undefined, lang: Lang): string {
  const vi = lang === 'vi';
  if (!r) return vi ? 'không đồng bộ (dữ liệu có lỗi)' : 'not synced (data has errors)';
  if (r.status === 'no-changes') return vi ? 'LDAP không đổi' : 'LDAP unchanged';
  if (r.status === 'applied' && r.plan) return `LDAP ${countsSummary(r.plan.counts, lang)}`;
  return `LDAP: ${r.status}${r.error ? ` — ${r.error}` : ''}`;
}

/** "33 tạo, 2 sửa": only the non-zero counts. */
function countsSummary(counts: Counts, lang: Lang): string {
  const parts = countsLine(counts, lang).split(', ').filter((p) => !p.startsWith('0 '));
  return parts.length ? parts.join(', ') : lang === 'vi' ? 'không đổi' : 'unchanged';
}

function provinceLine(p: ProvinceRun, lang: Lang): string {
  const vi = lang === 'vi';
  const failed = p.errors > 0 || (p.sync !== undefined && !['applied', 'no-changes'].includes(p.sync.status)) || !p.site;
  const mark = failed ? '✗' : '✓';
  const checked = vi ? `${p.people} cá nhân, ${p.errors} lỗi, ${p.warnings} cảnh báo` : `${p.people} people, ${p.errors} errors, ${p.warnings} warnings`;
  const site = p.site ?? (vi ? 'chưa dựng trang' : 'no site');
  return `${mark} ${p.name}: ${checked} · ${syncWords(p.sync, lang)} · ${site}`;
}

/** Every attribute of every plan, for `--verbose` and for the file a start leaves behind. */
function fullPlans(runs: ProvinceRun[], lang: Lang): string {
  const out: string[] = [];
  for (const r of runs) {
    out.push(`== ${r.folder}: ${r.sync?.status ?? 'invalid'}`);
    if (r.sync?.plan) out.push(formatPlan(r.sync.plan, lang, Number.POSITIVE_INFINITY));
    if (r.sync?.apply) out.push(formatApply(r.sync.apply, lang));
    if (r.sync?.error) out.push(r.sync.error);
    out.push('');
  }
  return out.join('\n');
}

export const startCommand: Command = {
  name: 'start',
  summary: { vi: 'Kiểm tra, đồng bộ LDAP, dựng và phục vụ trang công khai', en: 'Validate, sync LDAP, build and serve the public site' },
  usage: 'danhba start [--directory directory] [--out dist] [--port 8080] [--no-serve] [--verbose] [--mail [--mail-province thuathienhue]]\n  --verbose: print every planned LDAP change (always written to .danhba/start-plan.txt)\n  --mail: also run the province mail system (Postfix + Dovecot, as npm run mail:up) reading the synced LDAP',
  async run(argv, env) {
    const { values } = parseArgs({ args: argv, options: { directory: { type: 'string', default: DEFAULT_DIRECTORY }, out: { type: 'string', default: 'dist' }, port: { type: 'string', default: '0' }, 'no-serve': { type: 'boolean', default: false }, verbose: { type: 'boolean', default: false }, mail: { type: 'boolean', default: false }, 'mail-province': { type: 'string', default: 'thuathienhue' } } });
    const vi = env.lang === 'vi';
    const progress = (t: string) => env.stderr(t);

    // Each province is loaded and validated once; the sync reuses the model. Findings come first.
    const roots = provinceRoots(values.directory, env.cwd);
    progress(vi ? `Kiểm tra ${roots.length} tỉnh trong ${values.directory}/ …` : `Validating ${roots.length} provinces in ${values.directory}/ …`);
    const runs: ProvinceRun[] = [];
    const models = new Map<ProvinceRun, { root: string; dir: Directory; valid: boolean }>();
    for (const root of roots) {
      const v = await validateProvince(root);
      if (v.findings.length) env.stdout(formatHuman(v.findings, env.lang).trimStart());
      const { errors, warnings } = countBySeverity(v.findings);
      const run: ProvinceRun = { name: v.loaded.dir.province?.name ?? basename(root), folder: join(values.directory!, basename(root)), errors, warnings, people: v.loaded.dir.agencies.reduce((n, a) => n + a.staff.length, 0) };
      runs.push(run);
      models.set(run, { root, dir: v.loaded.dir, valid: errors === 0 && !!v.loaded.dir.province });
    }

    const target = await ldapTarget(env, values.directory!);
    progress(vi ? `Đồng bộ vào LDAP ${target.label} …` : `Syncing into LDAP ${target.label} …`);
    try {
      for (const run of runs) {
        const m = models.get(run)!;
        if (m.valid) run.sync = await syncProvince({ root: m.root, apply: true, connection: target.connection, directory: m.dir });
      }
    } finally {
      if (values['no-serve']) await target.slapd?.stop();
    }

    progress(vi ? 'Dựng trang công khai …' : 'Building the public site …');
    // The site is built from the models validated above: each file is parsed once per start.
    const built = await buildAllSites({ directoryRoot: values.directory, out: values.out, models: new Map([...models.values()].map((m) => [m.root, m.dir])) });
    for (const s of built.sites) {
      const run = runs.find((r) => basename(r.folder) === s.domain);
      if (run) run.site = join(values.out!, s.domain, 'index.html');
    }

    const plans = fullPlans(runs, env.lang);
    const planFile = join(env.cwd, PLAN_FILE);
    mkdirSync(dirname(planFile), { recursive: true });
    writeFileSync(planFile, plans);
    if (values.verbose) env.stdout(plans);
    for (const run of runs) env.stdout(provinceLine(run, env.lang));
    for (const r of runs) if (r.sync?.error && r.sync.status !== 'applied') env.stdout(`  ${r.folder}: ${r.sync.error}`);
    env.stdout(`LDAP: ${target.label}${target.slapd && values['no-serve'] ? (vi ? ' (đã dừng)' : ' (stopped)') : ''}`);
    env.stdout(vi ? `Kế hoạch LDAP đầy đủ: ${PLAN_FILE} (hoặc --verbose)` : `Full LDAP plan: ${PLAN_FILE} (or --verbose)`);
    const failed = runs.some((r) => r.errors > 0 || (r.sync && !['applied', 'no-changes'].includes(r.sync.status)) || !r.sync) || built.failed.length > 0;
    const code = failed ? 1 : 0;
    if (values['no-serve']) {
      env.stdout(vi ? `Mở trang: ${join(values.out!, 'index.html')}  (hoặc bỏ --no-serve để phục vụ trên 127.0.0.1)` : `Open: ${join(values.out!, 'index.html')}  (or drop --no-serve to serve it on 127.0.0.1)`);
      return code;
    }

    const server = await serveStatic({ root: built.out, port: Number(values.port) });
    const mail = values.mail ? await startMail(values['mail-province']!, resolve(env.cwd, values.directory!), target.connection, env) : undefined;
    env.stdout(`${vi ? 'Mở trang' : 'Open'}: ${server.url}   (Ctrl+C ${vi ? 'để dừng' : 'to stop'})`);
    await new Promise<void>((done) => process.once('SIGINT', done).once('SIGTERM', done));
    await server.close();
    await mail?.stop();
    await target.slapd?.stop();
    return code;
  },
};

/** `--mail`: the province's Postfix + Dovecot in .danhba/mail, reading the LDAP just synced. */
async function startMail(province: string, directory: string, connection: Connection, env: CommandEnv): Promise<MailSystem> {
  const profile = findProfile(province);
  const baseDN = profile && baseDnOf(directory, profile.domain);
  if (!profile || !baseDN) throw new UsageError(`--mail-province: ${province}?`);
  const reader = process.env.MAIL_LDAP_BIND_DN ? { bindDN: process.env.MAIL_LDAP_BIND_DN, bindPassword: process.env.MAIL_LDAP_BIND_PASSWORD ?? '' } : await ensureMailReader(connection);
  const ldapUrls = (process.env.MAIL_LDAP_URL || connection.url).split(/[\s,]+/).filter(Boolean);
  const mail = await startMailSystem({ dir: resolve(env.cwd, '.danhba/mail'), province: mailProvince(profile, baseDN), ldapUrls, reader, log: (l) => env.stderr(l) });
  env.stdout(`${env.lang === 'vi' ? 'Thư' : 'Mail'} (${profile.name}): ${mail.env.SMTP_URL} · submission ${mail.env.SUBMISSION_URL} · ${mail.env.IMAP_URL}`);
  return mail;
}
