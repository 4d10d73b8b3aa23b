// CODEOWNERS generated from the data and kept current; the PR author check on real commits.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAuthorsCommand } from '../../scripts/cli/commands/authorize.js';
import { codeownersCommand } from '../../scripts/cli/commands/codeowners.js';
import { diffCommand } from '../../scripts/cli/commands/diff.js';
import { codeownersFindings, CODEOWNERS_RULE, renderCodeowners } from '../../scripts/git/codeowners.js';
import { ownerOf, ownersAt } from '../../scripts/git/owners.js';
import { openRepo } from '../../scripts/git/repo.js';
import { FOLDER, makeRepo, runCommand, type TestRepo } from './helpers.js';

let repo: TestRepo;
let base: string;

beforeAll(() => {
  repo = makeRepo();
  base = repo.commit('base', '2024-01-10');
});

afterAll(() => repo.cleanup());

describe('danhba codeowners', () => {
  it('maps agency files to maintainers and the rest to administrators', async () => {
    const r = await runCommand(codeownersCommand, [], repo.root);
    expect(r.code).toBe(0);
    const lines = readFileSync(join(repo.root, '.github/CODEOWNERS'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    // `*` first (GitHub applies the last matching line): package.json, test/, new folders need an administrator.
    expect(lines).toEqual([
      '* @ct-admin',
      `/${FOLDER}/ @ct-admin`,
      `/${FOLDER}/agencies/sokhdt.yaml @sokhdt-it @ct-admin`,
      `/${FOLDER}/agencies/sonv.yaml @sonv-it @ct-admin`,
    ]);
    expect((await runCommand(codeownersCommand, ['--check'], repo.root)).code).toBe(0);
  });

  it('gives every path the same owners as check-authors (one owner table)', async () => {
    const provinces = await ownersAt(await openRepo(repo.root), undefined, repo.root);
    const text = renderCodeowners(provinces);
    // GitHub's rule: the last matching pattern wins (patterns here are `*`, folders and files).
    const rules = text.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(' '));
    const codeowners = (path: string) => {
      const hit = [...rules].reverse().find(([p]) => p === '*' || (p.endsWith('/') ? `/${path}`.startsWith(p) : `/${path}` === p));
      return (hit ?? []).slice(1).map((h) => h.slice(1)).sort();
    };
    for (const path of ['package.json', 'package-lock.json', 'calendar/2026.yaml', '.ci/run', 'test/git/owners.test.ts', 'README.md', 'directory/hanoi.gov.vn/province.yaml', `${FOLDER}/province.yaml`, `${FOLDER}/agencies/new.yaml`, `${FOLDER}/agencies/sonv.yaml`, `${FOLDER}/agencies/sokhdt.yaml`]) {
      expect(codeowners(path), path).toEqual([...ownerOf(path, provinces).handles].sort());
      expect(codeowners(path), path).toContain('ct-admin');
    }
  });

  it('--check fails when an agency line loses its administrators or the default line goes', async () => {
    await runCommand(codeownersCommand, [], repo.root);
    const path = join(repo.root, '.github/CODEOWNERS');
    const good = readFileSync(path, 'utf8');
    try {
      writeFileSync(path, good.replace(`/${FOLDER}/agencies/sonv.yaml @sonv-it @ct-admin`, `/${FOLDER}/agencies/sonv.yaml @sonv-it`).replace('* @ct-admin\n', ''));
      const r = await runCommand(codeownersCommand, ['--check'], repo.root);
      expect(r.code).toBe(1);
      expect(r.err).toContain('[codeowners-administrator] No default "*" line for the administrators');
      expect(r.err).toMatch(/:\d+:1 error \[codeowners-administrator\] The line for \/directory\/cantho.gov.vn\/agencies\/sonv.yaml names no province administrator \(@ct-admin\)/);
    } finally {
      writeFileSync(path, good);
    }
  });

  it('fails the check when the data changed and CODEOWNERS was not regenerated', async () => {
    await runCommand(codeownersCommand, [], repo.root);
    repo.edit('agencies/sonv.yaml', 'maintainers: [sonv-it]', 'maintainers: [sonv-it, sonv-deputy]');
    try {
      const r = await runCommand(codeownersCommand, ['--check'], repo.root);
      expect(r.code).toBe(1);
      expect(r.err).toContain(`expected "/${FOLDER}/agencies/sonv.yaml @sonv-it @sonv-deputy @ct-admin"`);
      const findings = await codeownersFindings(repo.root);
      expect(findings).toMatchObject([{ rule: CODEOWNERS_RULE, severity: 'error', file: '.github/CODEOWNERS', line: 12 }]);
    } finally {
      repo.git('checkout', '-q', '--', FOLDER);
    }
  });

  it('reports a missing CODEOWNERS', async () => {
    const path = join(repo.root, '.github/CODEOWNERS');
    rmSync(path, { force: true });
    expect(existsSync(path)).toBe(false);
    const findings = await codeownersFindings(repo.root);
    expect(findings[0].message.en).toBe('.github/CODEOWNERS is missing.');
  });
});

describe('danhba check-authors', () => {
  let pr: string;
  const savedActor = process.env.GITHUB_ACTOR;
  afterAll(() => {
    if (savedActor === undefined) delete process.env.GITHUB_ACTOR;
    else process.env.GITHUB_ACTOR = savedActor;
  });

  beforeAll(() => {
    repo.git('checkout', '-q', '-b', 'pr');
    repo.edit('agencies/sonv.yaml', 'title: Giám đốc', 'title: Phó Giám đốc');
    repo.edit('agencies/sokhdt.yaml', 'title: Chuyên viên', 'title: Chuyên viên chính');
    pr = repo.commit('sonv-it sửa hai cơ quan', '2024-02-01', 'Sonv IT <sonv-it@example.invalid>');
  });

  it('fails a PR touching two agencies by a maintainer of one, naming the other agency file', async () => {
    const r = await runCommand(checkAuthorsCommand, [base, pr, '--actor', 'sonv-it'], repo.root, 'vi');
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${FOLDER}/agencies/sokhdt.yaml: @sonv-it không được sửa ${FOLDER}/agencies/sokhdt.yaml: đây là tệp của cơ quan khác (sokhdt, Sở Kế hoạch và Đầu tư), do @sokhdt-it duy trì.`);
    expect(r.err).not.toContain('agencies/sonv.yaml');
    const en = await runCommand(checkAuthorsCommand, [base, pr, '--actor', 'sonv-it'], repo.root, 'en');
    expect(en.err).toContain("may not change directory/cantho.gov.vn/agencies/sokhdt.yaml: it is another agency's file");
  });

  it('lets a province administrator change any file, and reads the actor from GITHUB_ACTOR', async () => {
    process.env.GITHUB_ACTOR = 'CT-Admin';
    try {
      const r = await runCommand(checkAuthorsCommand, [base, pr], repo.root, 'en');
      expect(r).toMatchObject({ code: 0, out: '@CT-Admin: may change all 2 changed files.' });
    } finally {
      delete process.env.GITHUB_ACTOR;
    }
  });

  it('passes a maintainer changing only their own agency (work tree as head)', async () => {
    repo.git('checkout', '-q', base, '--', FOLDER);
    repo.edit('agencies/sonv.yaml', 'title: Giám đốc', 'title: Phó Giám đốc');
    try {
      const r = await runCommand(checkAuthorsCommand, [base, '--actor', 'sonv-it'], repo.root, 'en');
      expect(r.code).toBe(0);
    } finally {
      repo.git('checkout', '-q', 'HEAD', '--', FOLDER);
    }
  });

  it('reads owners at base: adding yourself to maintainers in the PR grants nothing', async () => {
    repo.edit('agencies/sokhdt.yaml', 'maintainers: [sokhdt-it]', 'maintainers: [sokhdt-it, sonv-it]');
    try {
      const r = await runCommand(checkAuthorsCommand, [base, '--actor', 'sonv-it'], repo.root, 'en');
      expect(r.code).toBe(1);
      expect(r.err).toContain('agencies/sokhdt.yaml');
    } finally {
      repo.git('checkout', '-q', '--', FOLDER);
    }
  });

  it('keeps province files and new agencies for administrators', async () => {
    repo.edit('province.yaml', 'name: Cần Thơ', 'name: Thành phố Cần Thơ');
    repo.write('agencies/sotc.yaml', 'id: sotc\nname: Sở Tài chính\nkind: provincial\nmailbox: sotc@cantho.gov.vn\nmaintainers: [sonv-it]\n');
    try {
      const r = await runCommand(checkAuthorsCommand, [base, '--actor', 'sonv-it'], repo.root, 'en');
      expect(r.code).toBe(1);
      expect(r.err).toContain(`${FOLDER}/province.yaml: @sonv-it may not change ${FOLDER}/province.yaml: a province-level file`);
      expect(r.err).toContain(`${FOLDER}/agencies/sotc.yaml: @sonv-it may not change`);
      expect((await runCommand(checkAuthorsCommand, [base, '--actor', 'ct-admin'], repo.root, 'en')).code).toBe(0);
    } finally {
      repo.git('checkout', '-q', '--', FOLDER);
      repo.remove('agencies/sotc.yaml');
    }
  });

  it('needs an actor', async () => {
    delete process.env.GITHUB_ACTOR;
    await expect(runCommand(checkAuthorsCommand, [base], repo.root)).rejects.toThrow(/--actor/);
  });
});

describe('check-authors: decisions only a province administrator may take', () => {
  const NEW = (id: string, mailbox: string, extra = '') => `staff:\n  - id: ${id}\n    name: Nguyễn Văn An\n    title: Chuyên viên\n    mailbox: ${mailbox}\n${extra}`;
  const EXCEPTION = '    exception: { reason: Tự duyệt, reference: CV 1/SNV }\n';

  async function asSonv(edit: () => void, actor = 'sonv-it') {
    repo.git('checkout', '-q', base, '--', FOLDER);
    edit();
    try {
      return await runCommand(checkAuthorsCommand, [base, '--actor', actor], repo.root, 'en');
    } finally {
      repo.git('checkout', '-q', 'HEAD', '--', FOLDER);
    }
  }

  it('refuses an exception a maintainer adds in their own file, naming the administrators', async () => {
    const r = await asSonv(() => repo.edit('agencies/sonv.yaml', 'staff:\n', NEW('ct-0005', 'nvan@cantho.gov.vn', EXCEPTION)));
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${FOLDER}/agencies/sonv.yaml: @sonv-it may not set "exception" on nvan@cantho.gov.vn (${FOLDER}/agencies/sonv.yaml) themselves: it is a province administrator's decision. A province administrator (@ct-admin) must make this change in a pull request of their own.`);
  });

  it('refuses an exception added to an existing person', async () => {
    const added = await asSonv(() => repo.edit('agencies/sonv.yaml', '    mailbox: ttlan@cantho.gov.vn\n', '    mailbox: ttlan@cantho.gov.vn\n' + EXCEPTION));
    expect(added.code).toBe(1);
    expect(added.err).toContain('may not set "exception" on ttlan@cantho.gov.vn');
  });

  it.each([
    ['the very address of another agency’s unit', 'vanphong.sokhdt@cantho.gov.vn'],
    ['a person address under another agency’s name', 'nvan.sokhdt@cantho.gov.vn'],
    ['another agency’s admin address', 'admin.sokhdt@cantho.gov.vn'],
    ['another agency’s own mailbox', 'sokhdt@cantho.gov.vn'],
  ])('refuses %s issued from the maintainer’s own file', async (_what, address) => {
    const r = await asSonv(() => repo.edit('agencies/sonv.yaml', 'staff:\n', NEW('ct-0005', address)));
    expect(r.code).toBe(1);
    expect(r.err).toContain(`may not issue ${address} in ${FOLDER}/agencies/sonv.yaml: the address is in another agency's namespace (sokhdt, Sở Kế hoạch và Đầu tư). A province administrator (@ct-admin) must make this change in a pull request of their own.`);
  });

  it('lets the maintainer add an ordinary person, and the administrator do all of the above', async () => {
    expect((await asSonv(() => repo.edit('agencies/sonv.yaml', 'staff:\n', NEW('ct-0005', 'nvan@cantho.gov.vn')))).code).toBe(0);
    const admin = await asSonv(() => repo.edit('agencies/sonv.yaml', 'staff:\n', NEW('ct-0005', 'nvan.sokhdt@cantho.gov.vn', EXCEPTION)), 'ct-admin');
    expect(admin.code).toBe(0);
  });

  it('diff shows the exception on a created entry as a line a reviewer cannot miss', async () => {
    repo.git('checkout', '-q', base, '--', FOLDER);
    repo.edit('agencies/sonv.yaml', 'staff:\n', NEW('ct-0005', 'nvan.sokhdt@cantho.gov.vn', EXCEPTION));
    try {
      const r = await runCommand(diffCommand, [base, '--no-history'], repo.root, 'en');
      expect(r.out).toContain('⚠ NEEDS A PROVINCE ADMINISTRATOR (exception / another agency’s address): 2');
      expect(r.out).toContain('  ! nvan.sokhdt@cantho.gov.vn (sonv): exception (Tự duyệt — CV 1/SNV)');
      expect(r.out).toContain("  ! nvan.sokhdt@cantho.gov.vn (sonv): address in another agency's namespace (sokhdt, Sở Kế hoạch và Đầu tư)");
    } finally {
      repo.git('checkout', '-q', 'HEAD', '--', FOLDER);
    }
  });
});
