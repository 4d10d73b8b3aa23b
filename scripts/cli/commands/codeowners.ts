// danhba codeowners [--check]: generate .github/CODEOWNERS from the maintainers in the data.
import { parseArgs } from 'node:util';
import type { Command } from '../command.js';
import { codeownersFindings, CODEOWNERS_PATH, writeCodeowners } from '../../git/codeowners.js';
import { openRepo } from '../../git/repo.js';

export const codeownersCommand: Command = {
  name: 'codeowners',
  summary: { vi: 'Sinh .github/CODEOWNERS từ người duy trì trong dữ liệu', en: 'Generate .github/CODEOWNERS from the maintainers in the data' },
  usage: `danhba codeowners [--check]

Writes ${CODEOWNERS_PATH} from the owner table check-authors uses: \`*\` → the administrators of
every province; each province folder → its administrators; each agency file → its maintainers
and the province administrators (the last matching line applies on GitHub).
--check   write nothing; exit 1 when the file is missing or out of date, lacks the \`*\` line,
          or has an agency line without a province administrator (for CI).`,
  async run(argv, env) {
    const { values } = parseArgs({ args: argv, options: { check: { type: 'boolean', default: false } } });
    const repo = await openRepo(env.cwd);
    if (values.check) {
      const findings = await codeownersFindings(env.cwd);
      for (const f of findings) env.stderr(`${f.file}:${f.line}:${f.col} error [${f.rule}] ${f.message[env.lang]}\n  → ${f.hint?.[env.lang] ?? ''}`);
      if (findings.length === 0) env.stdout(env.lang === 'vi' ? `${CODEOWNERS_PATH} đã cập nhật.` : `${CODEOWNERS_PATH} is up to date.`);
      return findings.length ? 1 : 0;
    }
    const path = await writeCodeowners(repo, env.cwd);
    env.stdout(env.lang === 'vi' ? `Đã ghi ${path}` : `Wrote ${path}`);
    return 0;
  },
};
