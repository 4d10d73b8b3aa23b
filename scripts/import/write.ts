// Writing an import: every file to a temporary name first, then renamed into place, so a
// failure half-way leaves the folder as it was (nothing partial). The import state goes last.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportPlan } from './build.js';
import { STATE_FILE } from './state.js';

export function writeImport(root: string, plan: ImportPlan): string[] {
  const files = [...plan.files, [join(root, STATE_FILE), JSON.stringify(plan.state, null, 1) + '\n'] as const];
  const temps: string[] = [];
  try {
    for (const [file, text] of files) {
      const tmp = `${file}.danhba-import-${process.pid}`;
      writeFileSync(tmp, text);
      temps.push(tmp);
    }
  } catch (e) {
    for (const t of temps) rmSync(t, { force: true });
    throw e;
  }
  files.forEach(([file], i) => renameSync(temps[i], file));
  return files.map(([f]) => f);
}
