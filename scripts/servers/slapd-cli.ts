// `npm run ldap:up` / `npm run ldap:down`: a developer's slapd in .danhba/slapd, serving the
// suffix of every province in directory/. Prints the LDAP_* variables to export.
//   tsx scripts/servers/slapd-cli.ts up [--data-dir .danhba/slapd] [--port 3890] [--directory directory]
//   tsx scripts/servers/slapd-cli.ts down [--data-dir .danhba/slapd]
// With `--replicas N` (npm run ldap:up -- --replicas 2): providers (2 by default: multi-provider)
// and N read-only consumers from one generated configuration, in .danhba/cluster (servers/cluster.ts);
// LDAP_URL lists the providers (the sync writes to the first reachable one), LDAP_REPLICA_URLS the
// consumers, MAIL_LDAP_BIND_DN/PASSWORD the mail servers' read-only account. `down` stops them too.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startCluster } from './cluster.js';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { provinceSuffixes, readSlapdState, runningPid, SlapdMissing, startSlapd, stopSlapdIn } from './slapd.js';

function shellQuote(v: string): string {
  return `'${v.replace(/'/g, `'\\''`)}'`;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string', default: '.danhba/slapd' },
      port: { type: 'string' },
      directory: { type: 'string', default: 'directory' },
      replicas: { type: 'string' },
      providers: { type: 'string', default: '2' },
      'cluster-dir': { type: 'string', default: '.danhba/cluster' },
    },
  });
  const clusterDir = resolve(values['cluster-dir']);
  const dataDir = resolve(values['data-dir']);
  const command = positionals[0];
  if (command === 'down') {
    const pid = await stopSlapdIn(dataDir);
    console.log(pid ? `slapd ${pid} đã dừng / stopped (${dataDir})` : `Không có slapd đang chạy trong / no slapd running in ${dataDir}`);
    if (existsSync(clusterDir)) {
      for (const member of readdirSync(clusterDir).sort()) {
        const stopped = await stopSlapdIn(join(clusterDir, member));
        if (stopped) console.log(`slapd ${stopped} (${member}) đã dừng / stopped`);
      }
    }
    return 0;
  }
  if (command === 'up' && values.replicas !== undefined) return upCluster(values.replicas, values.providers!, clusterDir, resolve(values.directory!));
  if (command !== 'up') {
    console.error('usage: slapd-cli.ts up|down [--data-dir .danhba/slapd] [--port N] [--directory directory]');
    return 2;
  }
  const state = readSlapdState(dataDir);
  const running = runningPid(dataDir);
  if (running) {
    console.error(`slapd ${running} đang chạy / already running: ldap://127.0.0.1:${state?.port}/ (npm run ldap:down)`);
    return 1;
  }
  const suffixes = state?.suffixes ?? provinceSuffixes(resolve(values.directory));
  if (!suffixes.length) {
    console.error(`Không thấy province.yaml nào trong / no province.yaml under ${values.directory}`);
    return 2;
  }
  try {
    const s = await startSlapd({ suffixes, dataDir, detached: true, ...(values.port ? { port: Number(values.port) } : {}), log: (l) => console.error(l) });
    console.error(`slapd ${s.pid} chạy tại / listening on ${s.url}; dữ liệu / data: ${s.dataDir}`);
    console.error(`gốc / suffixes: ${s.suffixes.join('; ')}`);
    for (const [k, v] of Object.entries(s.env)) console.log(`export ${k}=${shellQuote(v)}`);
    return 0;
  } catch (e) {
    console.error((e as Error).message);
    return e instanceof SlapdMissing ? 2 : 1;
  }
}

async function upCluster(replicasArg: string, providersArg: string, dir: string, directory: string): Promise<number> {
  const replicas = Number(replicasArg);
  const providers = Number(providersArg);
  if (!Number.isInteger(replicas) || replicas < 1 || replicas > 9 || (providers !== 1 && providers !== 2)) {
    console.error('--replicas 1–9, --providers 1|2');
    return 2;
  }
  const running = existsSync(dir) ? readdirSync(dir).map((m) => ({ m, s: readSlapdState(join(dir, m)) })).find(({ m }) => runningPid(join(dir, m)))?.s : undefined;
  if (running) {
    console.error(`Cụm đang chạy / a cluster is already running in ${dir} (npm run ldap:down)`);
    return 1;
  }
  const suffixes = provinceSuffixes(directory);
  try {
    const c = await startCluster({ suffixes, dataDir: dir, replicas, providers: providers as 1 | 2, detached: true, log: (l) => console.error(l) });
    console.error(`${c.providers.length} provider + ${c.consumers.length} consumer (syncrepl); dữ liệu / data: ${dir}`);
    const env = { ...c.env, MAIL_LDAP_URL: c.env.LDAP_REPLICA_URLS, MAIL_LDAP_BIND_DN: c.mailReader.bindDN, MAIL_LDAP_BIND_PASSWORD: c.mailReader.bindPassword };
    for (const [k, v] of Object.entries(env)) console.log(`export ${k}=${shellQuote(v)}`);
    return 0;
  } catch (e) {
    console.error((e as Error).message);
    return e instanceof SlapdMissing ? 2 : 1;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
