// The README's worked example of a province merge (#19 point 6): the fictional fragment of Hà Nam
// in examples/hanam.gov.vn merged into Ninh Bình by the mapping file under directory/. Main
// validates clean (the fragment is outside directory/, so no province folder lacks its
// province.yaml), `reorganize --branch` writes a branch that validates clean, and `diff` of that
// branch prints exactly the block the README shows.
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffCommand } from '../../scripts/cli/commands/diff.js';
import { reorganizeCommand } from '../../scripts/cli/commands/reorganize.js';
import { validateCommand } from '../../scripts/cli/commands/validate.js';
import { validateProvince } from '../../scripts/validate.js';
import { runCommand } from '../git/helpers.js';
import { commitEverything, gitIn } from '../helpers/git.js';

const REPO = join(import.meta.dirname, '..', '..');
const RECEIVING = 'directory/ninhbinh.gov.vn';
const MAPPING = `${RECEIVING}/reorganisations/2025-07-01-sap-nhap-ha-nam.yaml`;
const README = readFileSync(join(REPO, 'README.md'), 'utf8');

let root: string;
const git = gitIn(() => root, { GIT_AUTHOR_DATE: '2025-07-01T08:00:00+07:00', GIT_COMMITTER_DATE: '2025-07-01T08:00:00+07:00' });

beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'danhba-worked-')));
  cpSync(join(REPO, RECEIVING), join(root, RECEIVING), { recursive: true });
  cpSync(join(REPO, 'examples'), join(root, 'examples'), { recursive: true });
  commitEverything(git, 'Ninh Bình with the mapping, the Hà Nam fragment outside directory/');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the worked example of a province merge', () => {
  it('validates clean on main: the repository’s directory/ and the mapping', async () => {
    const r = await runCommand(validateCommand, [join(REPO, 'directory'), '--no-history'], REPO);
    expect(r.code, r.out + r.err).toBe(0);
    const v = await validateProvince(join(root, RECEIVING), { today: '2025-07-15' });
    expect(v.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('reorganizes into a branch that validates clean, whose diff is the README’s', async () => {
    const r = await runCommand(reorganizeCommand, [MAPPING, '--branch', 'sap-nhap-ha-nam', '--forward-months', '2'], root, 'vi');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(git('rev-parse', '--abbrev-ref', 'HEAD')).toBe('sap-nhap-ha-nam');
    const v = await validateProvince(join(root, RECEIVING), { today: '2025-07-15' });
    expect(v.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(v.loaded.dir.agencies.filter((a) => a.territory === 'hanam').map((a) => a.id).sort()).toEqual(['hanam-lamha', 'hanam-stttt', 'phuly']);

    const d = await runCommand(diffCommand, ['main', 'sap-nhap-ha-nam', '--today', '2025-07-15', '--no-history'], root, 'vi');
    const shown = /<!-- example:merge-province-diff -->\n```\n([\s\S]*?)\n```\n<!-- \/example:merge-province-diff -->/.exec(README);
    expect(shown, 'README has the example block').not.toBeNull();
    // the first line names the two commits, whose hashes vary
    const [first, blank, ...rest] = d.out.split('\n');
    expect(first).toMatch(/^So sánh [0-9a-f]+ → [0-9a-f]+$/);
    expect(blank).toBe('');
    expect(rest.join('\n').trimEnd()).toBe(shown![1]);
  });
});
