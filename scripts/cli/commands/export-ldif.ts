// `danhba export-ldif --province <id> [--output file]`: the compiled entries as LDIF, so a new
// province can bootstrap with `slapadd -q -l file.ldif` and then switch to `apply`.
import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { compileDirectory } from '../../ldap/compile.js';
import { compiledLdif } from '../../ldap/ldif.js';
import { gitCommit } from '../../ldap/sync.js';
import { todayInVietnam } from '../../model/status.js';
import { countBySeverity, formatHuman } from '../../report/human.js';
import { validateProvince } from '../../validate.js';
import { UsageError, type Command } from '../command.js';
import { syncRoot } from './plan.js';

export const exportLdifCommand: Command = {
  name: 'export-ldif',
  summary: { vi: 'Xuất LDIF để nạp ban đầu bằng slapadd', en: 'Export LDIF to bootstrap a server with slapadd' },
  usage: 'danhba export-ldif --province <id> | --directory <province folder> [--output file.ldif] [--no-base] [--today YYYY-MM-DD]\n  then: slapadd -q -b <baseDN> -l file.ldif (slapd stopped), and `danhba apply` from then on',
  async run(argv, env) {
    const { values } = parseArgs({
      args: argv,
      options: { province: { type: 'string' }, directory: { type: 'string' }, output: { type: 'string' }, 'no-base': { type: 'boolean', default: false }, today: { type: 'string' } },
    });
    if (values.today && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) throw new UsageError('--today YYYY-MM-DD');
    const root = syncRoot(values, env.cwd);
    const today = values.today ?? todayInVietnam();
    const v = await validateProvince(root, { today });
    if (countBySeverity(v.findings).errors || !v.loaded.dir.province || !v.profile) {
      env.stderr(formatHuman(v.findings, env.lang).trimStart());
      return 1;
    }
    const commit = gitCommit(root);
    const compiled = compileDirectory(v.loaded.dir, v.profile, { today, ...(commit ? { commit } : {}) });
    const chunks = compiledLdif(compiled, !values['no-base']);
    if (!values.output) {
      for (const c of chunks) process.stdout.write(c);
      return 0;
    }
    const out = createWriteStream(resolve(env.cwd, values.output));
    for (const c of chunks) if (!out.write(c)) await once(out, 'drain');
    out.end();
    await once(out, 'finish');
    env.stderr(`${values.output}: ${compiled.entries.length + (values['no-base'] ? 0 : 1)} entries (${compiled.baseDN})`);
    return 0;
  },
};
