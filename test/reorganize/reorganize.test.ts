// `danhba reorganize` on a real git repository holding the Huế example: the mapping is checked
// like data, the branch it writes validates clean, every old address is accounted for, `diff`
// shows moves and forwards, and the LDAP plan of the branch moves entries (modifyDN) instead of
// deleting and re-creating them. Judged by a real slapd.
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { diffCommand } from '../../scripts/cli/commands/diff.js';
import { reorganizeCommand } from '../../scripts/cli/commands/reorganize.js';
import { syncProvince } from '../../scripts/ldap/sync.js';
import { districtLevelExists } from '../../scripts/model/structure.js';
import { validateProvince } from '../../scripts/validate.js';
import { runCommand } from '../git/helpers.js';
import { commitEverything, gitIn } from '../helpers/git.js';

const REPO = join(import.meta.dirname, '..', '..');
const FOLDER = 'directory/thuathienhue.gov.vn';
const MAPPING = `${FOLDER}/reorganisations/2025-07-01-kimtra.yaml`;
const TODAY = '2025-07-15'; // inside the forwarding period
const REFERENCE = 'Nghị quyết 01/2025/NQ-UBTVQH15 (ví dụ minh hoạ)';
const BASE = 'dc=reorg,dc=scenarios,dc=test';
const ldap = inject('ldap');
const connection = { url: ldap.url, bindDN: ldap.bindDN, bindPassword: ldap.bindPassword };

let root: string;
const git = gitIn(() => root);
const province = () => join(root, FOLDER);
const write = (rel: string, text: string) => writeFileSync(join(province(), rel), text);
const read = (rel: string) => readFileSync(join(province(), rel), 'utf8');

beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'danhba-reorg-')));
  cpSync(join(REPO, FOLDER), province(), { recursive: true });
  write('province.yaml', read('province.yaml').replace(/baseDN: .*/, `baseDN: ${BASE}`));
  commitEverything(git, 'Huế example');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a reorganisation file is data', () => {
  it('the example validates clean with its province', async () => {
    const v = await validateProvince(province(), { today: TODAY });
    expect(v.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it.each([
    ['an unknown agency', (t: string) => t.replace('huongvan2-huongtra,', 'khongco,'), /No agency "khongco"/],
    ['an agency in two changes', (t: string) => t.replace('abolish: huongtra', 'abolish: huongvan-huongtra'), /is in two changes/],
    ['a commune of an abolished district left out', (t: string) => t.replace(', huongphong-huongtra]', ']'), /"huongphong-huongtra".*abolished, but the mapping leaves it out/],
    ['a new agency without its mailbox', (t: string) => t.replace(/\n\s+mailbox: kimtra@thuathienhue.gov.vn/, ''), /New agency "kimtra" needs mailbox/],
    ['an unknown key', (t: string) => t.replace('effective:', 'efective: 2025-07-01\neffective:'), /Unknown key "efective"/],
  ])('%s is a finding at its line', async (_label, change, message) => {
    const original = readFileSync(join(root, MAPPING), 'utf8');
    writeFileSync(join(root, MAPPING), change(original));
    try {
      const v = await validateProvince(province(), { today: TODAY });
      const found = v.findings.filter((f) => f.file.endsWith('2025-07-01-kimtra.yaml'));
      expect(found.map((f) => f.message.en).join('\n')).toMatch(message);
      expect(found.every((f) => f.line > 1 || f.rule !== 'reorganisation-mapping' || /name/.test(f.message.en))).toBe(true);
    } finally {
      writeFileSync(join(root, MAPPING), original);
    }
  });

  it('communes need a district only while districts exist', () => {
    expect(districtLevelExists('2025-06-30')).toBe(true);
    expect(districtLevelExists('2025-07-01')).toBe(false);
  });
});

describe('danhba reorganize --branch', () => {
  let report: string;
  beforeAll(async () => {
    // Synced before the change, as production would be.
    const first = await syncProvince({ root: province(), apply: true, connection, today: TODAY, commit: null });
    expect(first.status).toBe('applied');
    const r = await runCommand(reorganizeCommand, [MAPPING, '--branch', 'sap-xep', '--format', 'json'], root);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    report = r.out;
  });

  it('writes one commit per change and leaves a branch that validates clean', async () => {
    expect(git('rev-parse', '--abbrev-ref', 'HEAD')).toBe('sap-xep');
    expect(git('rev-list', '--count', 'main..sap-xep')).toBe('2');
    const v = await validateProvince(province(), { today: TODAY });
    expect(v.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('accounts for every old address, and people keep their ids', () => {
    const { addresses } = JSON.parse(report) as { addresses: { address: string; outcome: string; to?: string; personId?: string }[] };
    const old = ['huongvan01.huongtra', 'huongvan02.huongtra', 'huongphong.huongtra', 'huongtra', 'pvnam.huongvan01', 'ttlan.huongphonght'].map((l) => `${l}@thuathienhue.gov.vn`);
    expect(addresses.map((a) => a.address).sort()).toEqual(old.sort());
    expect(addresses.find((a) => a.personId === 'hue-1501')).toMatchObject({ outcome: 'moved', to: 'pvnam.kimtra@thuathienhue.gov.vn' });
    const kimtra = read('agencies/kimtra.yaml');
    expect(kimtra).toMatch(/id: hue-1501\n\s+name: Phan Văn Nam/);
    expect(read('agencies/huongvan-huongtra.yaml')).toMatch(/forwardTo: pvnam\.kimtra@thuathienhue\.gov\.vn/);
    // the file's own comments survive
    expect(read('agencies/huongvan-huongtra.yaml')).toContain('# Điều 4.2.b: tên địa phương cấp xã');
  });

  it('diff shows forwards and moves, not deletions', async () => {
    const r = await runCommand(diffCommand, ['main', 'sap-xep', '--format', 'json', '--today', TODAY, '--no-history'], root);
    const text = r.out;
    expect(text).toContain('pvnam.kimtra@thuathienhue.gov.vn');
    const kinds = [...text.matchAll(/"change": "(\w+)"/g)].map((m) => m[1]);
    expect(kinds.filter((k) => k === 'forwarded')).toHaveLength(6); // 4 organisation + 2 personal mailboxes
    expect(kinds).not.toContain('removed');
    expect(kinds).not.toContain('revoked');
  });

  it('the LDAP plan moves entries with modifyDN: no delete, no create of a moved person', async () => {
    const plan = await syncProvince({ root: province(), apply: false, connection, today: TODAY, commit: null });
    expect(plan.status).toBe('planned');
    const changes = plan.plan!.changes;
    expect(changes.filter((c) => c.action === 'delete')).toEqual([]);
    const moved = changes.filter((c) => c.id === 'person:hue-1501' || c.id.endsWith('hue-1501'));
    expect(moved.length).toBeGreaterThan(0);
    expect(moved.every((c) => c.action !== 'create')).toBe(true);
    expect(moved.some((c) => c.newDn)).toBe(true);
    // The guard: past a threshold of 2, --allow-mass-removal alone does not carry out a
    // reorganisation; naming it does, and its forwards are then not counted.
    const strict = { fraction: 0, max: 2 };
    const blanket = await syncProvince({ root: province(), apply: true, connection, today: TODAY, commit: null, massRemoval: strict, allowMassRemoval: true, reorganisations: [REFERENCE] });
    expect(blanket.status).toBe('mass-removal');
    expect(blanket.plan!.removals).toBeGreaterThan(2);
    const applied = await syncProvince({ root: province(), apply: true, connection, today: TODAY, commit: null, massRemoval: strict, reorganisations: [REFERENCE], reorganisation: REFERENCE });
    expect(applied.status).toBe('applied');
    expect(applied.plan).toMatchObject({ removals: 0, reorganised: blanket.plan!.removals });
    const again = await syncProvince({ root: province(), apply: true, connection, today: TODAY, commit: null });
    expect(again.status).toBe('no-changes');
  });
});

describe('a namesake in the receiving agency', () => {
  it('is left for the administrator under Huế (no numbering rule), nothing else is lost', async () => {
    git('checkout', '-q', 'main');
    const rel = 'agencies/huongphong-huongtra.yaml';
    write(rel, read(rel) + '  - id: hue-1202\n    name: Phan Văn Nam\n    mailbox: pvnam.huongphonght@thuathienhue.gov.vn\n');
    git('commit', '-qam', 'namesake');
    const r = await runCommand(reorganizeCommand, [MAPPING, '--branch', 'sap-xep-2', '--format', 'json'], root);
    expect(r.code).toBe(1);
    const { addresses } = JSON.parse(r.out) as { addresses: { personId?: string; outcome: string }[] };
    expect(addresses.find((a) => a.personId === 'hue-1202')?.outcome).toBe('needs-decision');
    expect(addresses.find((a) => a.personId === 'hue-1501')?.outcome).toBe('moved');
  });
});
