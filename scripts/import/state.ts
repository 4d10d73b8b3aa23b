// What the last import wrote, per person, so a re-import can tell a value the source
// changed (update it) from one edited in git since (keep it, report a conflict): a three-way
// comparison of source now, git now, and the last import. Kept next to province.yaml.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const STATE_FILE = 'import-state.json';

export type Imported = { name?: string; title?: string; phone?: string; unit?: string; mailbox: string };

export interface ImportState {
  /** Person id → what the last import wrote for that person. */
  people: Record<string, Imported>;
}

export function readState(root: string): ImportState {
  const file = join(root, STATE_FILE);
  if (!existsSync(file)) return { people: {} };
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as ImportState;
  return parsed && typeof parsed.people === 'object' ? parsed : { people: {} };
}
