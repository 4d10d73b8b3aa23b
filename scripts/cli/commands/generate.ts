// `danhba generate --province <id> --mailboxes <N> --out <dir> [--seed <n>]`
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { generateDirectory } from '../../generate/directory.js';
import { writeDirectory } from '../../generate/write.js';
import { findProfile, profiles } from '../../profiles/index.js';
import { UsageError, type Command } from '../command.js';

export const generateCommand: Command = {
  name: 'generate',
  summary: { vi: 'Sinh danh bạ tổng hợp (để đo hiệu năng; không commit)', en: 'Generate a synthetic directory (for benchmarks; never commit)' },
  usage: 'danhba generate --province <id> --mailboxes <N> --out <dir> [--seed <n>]',
  async run(argv, env) {
    const { values } = parseArgs({ args: argv, options: { province: { type: 'string' }, mailboxes: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string', default: '1' } } });
    const profile = findProfile(values.province ?? '');
    if (!profile) throw new UsageError(`--province phải là một trong ${Object.keys(profiles).join(', ')} / --province must be one of them`);
    const n = Number(values.mailboxes);
    if (!Number.isInteger(n) || n < 1) throw new UsageError('--mailboxes <N> (số nguyên dương / a positive integer)');
    if (!values.out) throw new UsageError('--out <dir>');
    const started = performance.now();
    const dir = generateDirectory({ profile, mailboxes: n, seed: Number(values.seed) });
    const root = writeDirectory(dir, resolve(env.cwd, values.out));
    const people = dir.agencies.reduce((s, a) => s + a.staff.length, 0);
    const secs = ((performance.now() - started) / 1000).toFixed(1);
    env.stdout(env.lang === 'vi' ? `Đã sinh ${root}: ${dir.agencies.length} cơ quan, ${people} cá nhân (${secs} s)` : `Generated ${root}: ${dir.agencies.length} agencies, ${people} people (${secs} s)`);
    return 0;
  },
};
