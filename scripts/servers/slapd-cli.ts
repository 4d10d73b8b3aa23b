// `npm run ldap:up` / `npm run ldap:down`: a developer's slapd in .danhba/slapd, serving the
// suffix of every province in directory/. Prints the LDAP_* variables to export.
//   tsx scripts/servers/slapd-cli.ts up [--data-dir .danhba/slapd] [--port 3890] [--directory directory]
//   tsx scripts/servers/slapd-cli.ts down [--data-dir .danhba/slapd]
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isAlive, provinceSuffixes, readSlapdState, SlapdMissing, startSlapd, stopSlapdIn } from './slapd.js';

function shellQuote(v: string): string {
  return `'${v.replace(/'/g, `'\\''`)}'`;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'data-dir': { type: 'string', default: '.danhba/slapd' }, port: { type: 'string' }, directory: { type: 'string', default: 'directory' } },
  });
  const dataDir = resolve(values['data-dir']);
  const command = positionals[0];
  if (command === 'down') {
    const pid = await stopSlapdIn(dataDir);
    console.log(pid ? `slapd ${pid} đã dừng / stopped (${dataDir})` : `Không có slapd đang chạy trong / no slapd running in ${dataDir}`);
    return 0;
  }
  if (command !== 'up') {
    console.error('usage: slapd-cli.ts up|down [--data-dir .danhba/slapd] [--port N] [--directory directory]');
    return 2;
  }
  const state = readSlapdState(dataDir);
  if (state?.pid && isAlive(state.pid)) {
    console.error(`slapd ${state.pid} đang chạy / already running: ldap://127.0.0.1:${state.port}/ (npm run ldap:down)`);
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

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
