// Small real git repositories in temporary directories, built from test/git/fixtures/province
// (a tiny Cần Thơ folder), with commits at chosen dates by chosen authors.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, realpathSync, readFileSync, rmSync, writeFileSync, mkdirSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command, CommandEnv } from '../../scripts/cli/command.js';

export const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'province');
export const FOLDER = 'directory/cantho.gov.vn';

export interface TestRepo {
  root: string;
  git(...args: string[]): string;
  read(rel: string): string;
  write(rel: string, text: string): void;
  /** Replace text in a file under the province folder; fails loudly when the text is absent. */
  edit(rel: string, from: string, to: string): void;
  remove(rel: string): void;
  commit(message: string, date: string, author?: string): string;
  cleanup(): void;
}

export function makeRepo(): TestRepo {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'danhba-git-')));
  const folder = join(root, FOLDER);
  mkdirSync(dirname(folder), { recursive: true });
  cpSync(FIXTURE, folder, { recursive: true });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: root } });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Test');
  git('config', 'user.email', 'test@example.invalid');
  git('config', 'commit.gpgsign', 'false');
  const repo: TestRepo = {
    root,
    git,
    read: (rel) => readFileSync(join(folder, rel), 'utf8'),
    write: (rel, text) => {
      mkdirSync(dirname(join(folder, rel)), { recursive: true });
      writeFileSync(join(folder, rel), text);
    },
    edit: (rel, from, to) => {
      const text = repo.read(rel);
      if (!text.includes(from)) throw new Error(`${rel} does not contain ${JSON.stringify(from)}`);
      repo.write(rel, text.replace(from, to));
    },
    remove: (rel) => unlinkSync(join(folder, rel)),
    commit(message, date, author = 'Test <test@example.invalid>') {
      git('add', '-A');
      const stamp = `${date}T10:00:00+07:00`;
      execFileSync('git', ['commit', '-q', '--allow-empty', '-m', message, `--author=${author}`], {
        cwd: root,
        env: { ...process.env, HOME: root, GIT_AUTHOR_DATE: stamp, GIT_COMMITTER_DATE: stamp, GIT_COMMITTER_NAME: author.replace(/ <.*/, ''), GIT_COMMITTER_EMAIL: 'test@example.invalid' },
      });
      return git('rev-parse', 'HEAD').trim();
    },
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
  return repo;
}

export interface Captured {
  code: number;
  out: string;
  err: string;
}

/** Runs a command in-process with cwd = the repository, capturing its output. */
export async function runCommand(command: Command, argv: string[], cwd: string, lang: 'vi' | 'en' = 'en'): Promise<Captured> {
  const out: string[] = [];
  const err: string[] = [];
  const env: CommandEnv = { lang, cwd, stdout: (t) => out.push(t), stderr: (t) => err.push(t) };
  const code = await command.run(argv, env);
  return { code, out: out.join('\n'), err: err.join('\n') };
}
