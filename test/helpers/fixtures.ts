// Builds throwaway province folders: the base fixture with a case's files laid over it.
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/**
 * Copy base/ then the case folder on top; `<file>.delete` removes `<file>`. Returns the temp root.
 * `base: null` takes the case folder alone (a whole province of its own, e.g. another profile).
 */
export function overlayFixture(caseDir: string, base: string | null = join(FIXTURES, 'base')): string {
  const root = mkdtempSync(join(tmpdir(), 'danhba-fx-'));
  const province = join(root, 'thuathienhue.gov.vn');
  if (base) cpSync(base, province, { recursive: true });
  for (const file of existsSync(caseDir) ? walk(caseDir) : []) {
    const rel = relative(caseDir, file);
    if (rel === 'expected.yaml') continue;
    if (rel.endsWith('.delete')) rmSync(join(province, rel.slice(0, -'.delete'.length)), { force: true });
    else cpSync(file, join(province, rel));
  }
  return province;
}

export function removeFixture(province: string): void {
  const root = join(province, '..');
  if (existsSync(root)) rmSync(root, { recursive: true, force: true });
}
