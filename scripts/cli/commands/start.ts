// `npm start`: the main job on the embedded default. Validate every province in directory/,
// sync each into LDAP (an embedded slapd started by the project unless LDAP_URL is set), build
// the public site of every province and serve it on 127.0.0.1.
import { parseArgs } from 'node:util';
import { basename, join, resolve } from 'node:path';
import { connectionFromEnv, type Connection } from '../../ldap/client.js';
import { formatApply, formatPlan } from '../../ldap/format.js';
import { provinceSuffixes, runningSlapdEnv, startSlapd, type Slapd } from '../../servers/slapd.js';
import { syncProvince } from '../../ldap/sync.js';
import { buildAllSites } from '../../site/all.js';
import { serveStatic } from '../../site/serve.js';
import type { Command, CommandEnv } from '../command.js';
import { DEFAULT_DIRECTORY, provinceRoots } from '../provinces.js';
import { formatHuman } from '../../report/human.js';
import { validateProvince } from '../../validate.js';
import { summaryLine } from './validate.js';

const DEV_SLAPD = '.danhba/slapd'; // where `npm run ldap:up` keeps its server
const START_SLAPD = '.danhba/start-slapd';

/** The LDAP server to sync into: LDAP_URL, a running `ldap:up` server, or a new embedded one. */
async function ldapTarget(env: CommandEnv, directory: string): Promise<{ connection: Connection; slapd?: Slapd; label: string }> {
  const fromEnv = connectionFromEnv();
  if (fromEnv) return { connection: fromEnv, label: fromEnv.url };
  const dev = connectionFromEnv(runningSlapdEnv(resolve(env.cwd, DEV_SLAPD)) ?? {});
  if (dev) return { connection: dev, label: `${dev.url} (npm run ldap:up)` };
  const slapd = await startSlapd({ suffixes: provinceSuffixes(resolve(env.cwd, directory)), dataDir: resolve(env.cwd, START_SLAPD), log: (l) => env.stderr(l) });
  return { connection: { url: slapd.url, bindDN: slapd.bindDN, bindPassword: slapd.bindPassword }, slapd, label: `${slapd.url} (slapd ${slapd.pid}, ${START_SLAPD})` };
}

export const startCommand: Command = {
  name: 'start',
  summary: { vi: 'Kiểm tra, đồng bộ LDAP, dựng và phục vụ trang công khai', en: 'Validate, sync LDAP, build and serve the public site' },
  usage: 'danhba start [--directory directory] [--out dist] [--port 8080] [--no-serve]',
  async run(argv, env) {
    const { values } = parseArgs({ args: argv, options: { directory: { type: 'string', default: DEFAULT_DIRECTORY }, out: { type: 'string', default: 'dist' }, port: { type: 'string', default: '0' }, 'no-serve': { type: 'boolean', default: false } } });
    const vi = env.lang === 'vi';
    const step = (t: string) => env.stdout(`\n== ${t}`);

    step(vi ? 'Kiểm tra danh bạ' : 'Validate');
    // Each province is loaded and validated once; the sync reuses the model.
    const roots = provinceRoots(values.directory, env.cwd);
    const validations = [];
    for (const root of roots) {
      const v = await validateProvince(root);
      if (v.findings.length) env.stdout(formatHuman(v.findings, env.lang).trimStart());
      env.stdout(summaryLine(root, v.loaded.dir, v.findings, env));
      validations.push({ root, v, valid: !v.findings.some((f) => f.severity === 'error') && !!v.loaded.dir.province });
    }
    const validation = validations.every((x) => x.valid) ? 0 : 1;

    step(vi ? 'Đồng bộ LDAP' : 'LDAP sync');
    const target = await ldapTarget(env, values.directory!);
    env.stdout(`LDAP: ${target.label}`);
    let syncFailed = false;
    try {
      for (const { root, v, valid } of validations) {
        if (!valid) {
          env.stdout(`-- ${join(values.directory!, basename(root))}: invalid`);
          syncFailed = true;
          continue;
        }
        const r = await syncProvince({ root, apply: true, connection: target.connection, directory: v.loaded.dir });
        env.stdout(`-- ${join(values.directory!, basename(root))}: ${r.status}`);
        if (r.plan) env.stdout(formatPlan(r.plan, env.lang, 3));
        if (r.apply) env.stdout(formatApply(r.apply, env.lang));
        if (r.error) env.stdout(r.error);
        if (!['applied', 'no-changes'].includes(r.status)) syncFailed = true;
      }
    } finally {
      if (values['no-serve']) await target.slapd?.stop();
    }

    step(vi ? 'Trang công khai' : 'Public site');
    const built = await buildAllSites({ directoryRoot: values.directory, out: values.out });
    for (const s of built.sites) env.stdout(`${s.name}: ${s.mailboxes} ${vi ? 'hộp thư' : 'mailboxes'} → ${join(values.out!, s.domain, 'index.html')}`);
    const code = validation !== 0 || syncFailed || built.failed.length ? 1 : 0;
    if (values['no-serve']) return code;

    const server = await serveStatic({ root: built.out, port: Number(values.port) });
    env.stdout(`\n${vi ? 'Mở trang' : 'Open'}: ${server.url}   (Ctrl+C ${vi ? 'để dừng' : 'to stop'})`);
    await new Promise<void>((done) => process.once('SIGINT', done).once('SIGTERM', done));
    await server.close();
    await target.slapd?.stop();
    return code;
  },
};
