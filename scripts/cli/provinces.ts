// Which province folders a command works on: a province folder itself, a folder of province
// folders (default `directory/`), or `--province <id>` looked up by its profile's domain.
import { existsSync, lstatSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findProfile, profiles } from '../profiles/index.js';
import { UsageError } from './command.js';

export const DEFAULT_DIRECTORY = 'directory';

/**
 * A folder holding any of a province's files (province.yaml, appendix.yaml, agencies), seen
 * without following symlinks: a folder whose province.yaml is missing, dangling or a directory
 * is still a province folder, validated, and its province.yaml reported, never skipped.
 */
export function isProvinceFolder(path: string): boolean {
  return ['province.yaml', 'appendix.yaml', 'agencies'].some((name) => lexists(join(path, name)));
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false; // a dangling symlink or an unreadable entry is no province folder
  }
}

function lexists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Province folders under `path` (or `path` itself), sorted; throws UsageError when there are none. */
export function provinceRoots(path: string = DEFAULT_DIRECTORY, cwd = process.cwd()): string[] {
  const abs = resolve(cwd, path);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) {
    throw new UsageError(`Không có thư mục "${path}" / no such directory "${path}"`);
  }
  if (isProvinceFolder(abs)) return [abs];
  const roots = readdirSync(abs)
    .map((name) => join(abs, name))
    .filter((p) => isDirectory(p) && isProvinceFolder(p))
    .sort();
  if (roots.length === 0) {
    throw new UsageError(
      `"${path}" không chứa tỉnh nào (cần <tên miền>/province.yaml) / "${path}" holds no province (expected <domain>/province.yaml)`,
    );
  }
  return roots;
}

/** The folder of one province by profile id: `<directory>/<domain>`. */
export function provinceRootById(id: string, directory: string = DEFAULT_DIRECTORY, cwd = process.cwd()): string {
  const profile = findProfile(id);
  if (!profile) throw new UsageError(`--province phải là một trong ${Object.keys(profiles).join(', ')} / unknown province "${id}"`);
  const root = resolve(cwd, directory, profile.domain);
  if (!isProvinceFolder(root)) throw new UsageError(`Không thấy ${join(directory, profile.domain, 'province.yaml')} / not found`);
  return root;
}
