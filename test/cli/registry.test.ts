// The command registry loads a command's module only when it runs: every name must load the
// command of that name, and `help` must still list them all.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { commandNames, loadCommand } from '../../scripts/cli/commands/index.js';
import { main } from '../../scripts/cli.js';

describe('command registry', () => {
  it('loads, for each name, the command of that name', async () => {
    for (const name of commandNames) expect((await loadCommand(name))?.name).toBe(name);
    expect(await loadCommand('toString')).toBeUndefined(); // not a prototype key
  });

  it('lists every command in help, and refuses an unknown one', async () => {
    const out: string[] = [];
    const err: string[] = [];
    expect(await main(['help', '--lang', 'en'], { stdout: (t) => out.push(t), stderr: (t) => err.push(t) })).toBe(0);
    for (const name of commandNames) expect(out.join('\n')).toMatch(new RegExp(`^  ${name} `, 'm'));
    expect(await main(['nosuch'], { stdout: (t) => out.push(t), stderr: (t) => err.push(t) })).toBe(2);
    expect(err.join('\n')).toContain('unknown command "nosuch"');
  });

  it('does not load the spreadsheet reader to validate', () => {
    const probe = "const { loadCommand } = await import('./scripts/cli/commands/index.ts'); await loadCommand('validate'); const { createRequire } = await import('node:module'); console.log(Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes('/exceljs/')));";
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('false');
  });
});
