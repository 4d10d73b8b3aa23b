// A scratch git repository for tests that commit a copied directory: a `git` bound to its root
// (HOME there, so no user configuration leaks in), and its first commit of everything in it.
import { execFileSync } from 'node:child_process';

export type Git = (...args: string[]) => string;

/** `root` may be a getter, for a folder a `beforeAll` makes after the module is loaded. */
export function gitIn(root: string | (() => string), env: Record<string, string> = {}): Git {
  const dir = typeof root === 'string' ? () => root : root;
  return (...args) => execFileSync('git', args, { cwd: dir(), encoding: 'utf8', env: { ...process.env, HOME: dir(), ...env } }).trim();
}

/** `git init` on main with a test identity, then one commit of every file under the root. */
export function commitEverything(git: Git, message: string): void {
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Test');
  git('config', 'user.email', 'test@example.invalid');
  git('add', '-A');
  git('commit', '-qm', message);
}
