#!/usr/bin/env node
// danhba command-line entry: picks the command and maps errors to exit codes
// (0 clean, 1 error findings, 2 usage or environment error). No stack traces for users.
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { loadCommand, loadCommands } from './cli/commands/index.js';
import { Refused, UsageError, type CommandEnv } from './cli/command.js';
import type { Lang } from './i18n.js';
import { sanitizeOutput } from './report/sanitize.js';
import { colourEnabled, paintMarks } from './cli/style.js';

type Io = Pick<CommandEnv, 'stdout' | 'stderr'>;

// `danhba … | head -1`: when the reader goes away, stop writing and finish quietly (EPIPE is
// not an error of ours); the command still returns its own exit code.
let stdoutClosed = false;
function quietOnEpipe(e: NodeJS.ErrnoException): void {
  if (e.code !== 'EPIPE') throw e;
  stdoutClosed = true;
}

// Colour is decided once per stream and added after the sanitizer (cli/style.ts).
const colour = { stdout: colourEnabled(process.stdout), stderr: colourEnabled(process.stderr) };
const processIo: Io = {
  stdout: (t) => {
    if (!stdoutClosed) process.stdout.write(paintMarks(t, colour.stdout) + '\n');
  },
  stderr: (t) => process.stderr.write(paintMarks(t, colour.stderr) + '\n'),
};

function asLang(value: string | undefined): Lang {
  if (value !== 'vi' && value !== 'en') throw new UsageError(`--lang phải là vi hoặc en / --lang must be vi or en (got "${value}")`);
  return value;
}

/** `--lang vi|en` (or `--lang=…`) is global: taken out before the command sees its arguments. */
function pickLang(argv: string[]): { lang: Lang; rest: string[] } {
  const rest: string[] = [];
  let lang: Lang = process.env.DANHBA_LANG === 'en' ? 'en' : 'vi';
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--lang') lang = asLang(argv[++i]);
    else if (argv[i].startsWith('--lang=')) lang = asLang(argv[i].slice('--lang='.length));
    else rest.push(argv[i]);
  }
  return { lang, rest };
}

async function help(env: CommandEnv): Promise<void> {
  env.stdout(env.lang === 'vi' ? 'danhba: danh bạ thư điện tử công vụ dưới dạng mã\n\nLệnh:' : 'danhba: the official e-mail directory as code\n\nCommands:');
  for (const c of await loadCommands()) env.stdout(`  ${c.name.padEnd(14)} ${c.summary[env.lang]}`);
  env.stdout(env.lang === 'vi' ? '\nChi tiết: danhba <lệnh> --help' : '\nDetails: danhba <command> --help');
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  // Every line any command prints passes the one sanitizer (report/sanitize.ts).
  const env: CommandEnv = { lang: 'vi', cwd: process.cwd(), stdout: (t) => io.stdout(sanitizeOutput(t)), stderr: (t) => io.stderr(sanitizeOutput(t)) };
  try {
    const { lang, rest } = pickLang(argv);
    env.lang = lang;
    const [name, ...args] = rest;
    if (!name || name === 'help' || name === '--help' || name === '-h') {
      await help(env);
      return name ? 0 : 2;
    }
    const command = await loadCommand(name);
    if (!command) throw new UsageError(`Không có lệnh "${name}" / unknown command "${name}". danhba help`);
    if (args.includes('--help') || args.includes('-h')) {
      env.stdout(`${command.summary[env.lang]}\n\n${command.usage}`);
      return 0;
    }
    return await command.run(args, env);
  } catch (e) {
    if (e instanceof Refused) {
      env.stderr(`danhba: ${e.message}`);
      return 1;
    }
    if (e instanceof UsageError || (e as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || (e as { code?: string }).code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      env.stderr(`danhba: ${(e as Error).message}`);
      return 2;
    }
    env.stderr(`danhba: lỗi không mong đợi / unexpected error: ${(e as Error).message}`);
    if (process.env.DANHBA_DEBUG) env.stderr(String((e as Error).stack));
    return 2;
  }
}

// Run when executed (`tsx scripts/cli.ts`, `node --import tsx scripts/cli.ts`), not when a test
// imports main(). Set the exit code instead of calling process.exit so pending output is flushed.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  process.stdout.on('error', quietOnEpipe);
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
