// The shape of a CLI command. Each command is one module in cli/commands/, registered in
// cli/commands/index.ts; scripts/cli.ts only dispatches.
import type { Lang } from '../i18n.js';

export interface Command {
  name: string;
  /** One line for `danhba help`, Vietnamese / English. */
  summary: { vi: string; en: string };
  usage: string;
  /** Returns the process exit code: 0 ok, 1 findings/errors in data, 2 usage or environment error. */
  run(argv: string[], env: CommandEnv): Promise<number>;
}

export interface CommandEnv {
  lang: Lang;
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Standard input as text (tests pass it in; default: read process.stdin). */
  stdin?: () => Promise<string>;
}

/** Bad arguments or environment: printed without a stack trace, exit code 2. */
export class UsageError extends Error {}

/** A well-formed request the data or the rules refuse (an unsafe name…): printed, exit code 1. */
export class Refused extends Error {}
