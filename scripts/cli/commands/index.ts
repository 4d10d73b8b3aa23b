// Registry of CLI commands: one module per command, listed here in the order `danhba help`
// shows them (the main job, the validator and naming, LDAP, site, git, tooling). A command's
// module is imported only when it runs (or for `help`): loading them all cost every command
// about half a second of start-up (exceljs for `import` alone), paid by every CI step.
import type { Command } from '../command.js';

const loaders: Record<string, () => Promise<Command>> = {
  start: async () => (await import('./start.js')).startCommand,
  validate: async () => (await import('./validate.js')).validateCommand,
  suggest: async () => (await import('./suggest.js')).suggestCommand,
  add: async () => (await import('./add.js')).addCommand,
  import: async () => (await import('./import.js')).importCommand,
  plan: async () => (await import('./plan.js')).planCommand,
  apply: async () => (await import('./apply.js')).applyCommand,
  'export-ldif': async () => (await import('./export-ldif.js')).exportLdifCommand,
  password: async () => (await import('./password.js')).passwordCommand,
  'mail-config': async () => (await import('./mail-config.js')).mailConfigCommand,
  'mail-policy': async () => (await import('./mail-policy.js')).mailPolicyCommand,
  site: async () => (await import('./site.js')).siteCommand,
  diff: async () => (await import('./diff.js')).diffCommand,
  'check-authors': async () => (await import('./authorize.js')).checkAuthorsCommand,
  codeowners: async () => (await import('./codeowners.js')).codeownersCommand,
  history: async () => (await import('./history.js')).historyCommand,
  report: async () => (await import('./report.js')).reportCommand,
  reorganize: async () => (await import('./reorganize.js')).reorganizeCommand,
  audit: async () => (await import('./audit.js')).auditCommand,
  workdays: async () => (await import('./workdays.js')).workdaysCommand,
  generate: async () => (await import('./generate.js')).generateCommand,
};

/** Every command's name, in help order. */
export const commandNames: readonly string[] = Object.keys(loaders);

/** The command of this name (its module loaded now), or undefined when there is none. */
export async function loadCommand(name: string): Promise<Command | undefined> {
  if (!Object.hasOwn(loaders, name)) return undefined;
  const command = await loaders[name]();
  if (command.name !== name) throw new Error(`command registry: "${name}" loads "${command.name}"`);
  return command;
}

/** Every command, loaded (for `help`). */
export async function loadCommands(): Promise<Command[]> {
  return Promise.all(commandNames.map(async (n) => (await loadCommand(n))!));
}
