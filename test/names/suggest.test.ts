// `suggest` and `add`: the engine never offers a taken address and always agrees with the
// validator (property tests), and the commands write files that still validate.
import fc from 'fast-check';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandEnv } from '../../scripts/cli/command.js';
import { addCommand } from '../../scripts/cli/commands/add.js';
import { suggestCommand } from '../../scripts/cli/commands/suggest.js';
import type { NameParts, Province } from '../../scripts/model/types.js';
import { suggestAddress, takenAddresses } from '../../scripts/names/person.js';
import { appendStaff, nextPersonId } from '../../scripts/names/staff-entry.js';
import { profiles } from '../../scripts/profiles/index.js';
import { runRules } from '../../scripts/rules/engine.js';
import { personAddress } from '../../scripts/rules/naming/person-address.js';
import { personCollision } from '../../scripts/rules/naming/person-collision.js';
import { validateProvince } from '../../scripts/validate.js';
import { agency, directory, person } from './helpers.js';

const FAMILIES = ['Nguyễn', 'Trần', 'Tôn Nữ'];
const MIDDLES = [[], ['Văn'], ['Thị', 'Thu'], ['Vân']];
const GIVENS = ['Minh', 'Hà', 'An'];
const nameArb = fc.record({ family: fc.constantFrom(...FAMILIES), middle: fc.constantFrom(...MIDDLES), given: fc.constantFrom(...GIVENS) });
const fullName = (p: NameParts) => [p.family, ...p.middle, p.given].join(' ');

describe('property: suggest never returns a taken address and agrees with the validator', () => {
  for (const profile of Object.values(profiles)) {
    it(profile.id, () => {
      const naming = profile.naming!;
      fc.assert(
        fc.property(fc.array(fc.record({ name: nameArb, at: fc.nat(2) }), { maxLength: 25 }), fc.array(fc.constantFrom('nvminh', 'minhnv', 'nvanminh', 'minhnv2', 'ttha', 'hatt'), { maxLength: 3 }), (arrivals, unitLabels) => {
          const d = profile.domain;
          const agencies = [agency('sonv', 'Sở Nội vụ', `sonv@${d}`), agency('stttt', 'Sở Thông tin và Truyền thông', `stttt@${d}`), agency('tpx', 'UBND thành phố X', `tpx@${d}`, { kind: 'district' })];
          // Organisation mailboxes that happen to look like personal ones (no agency part).
          agencies[0].units = [...new Set(unitLabels)].map((l, i) => ({ id: `u${i}`, name: l, mailbox: `${l}@${d}`, publicService: false, status: { state: 'active' }, at: { self: { file: 'm', line: 1, col: 1 } } }));
          const dir = directory(...agencies);
          arrivals.forEach(({ name, at }, i) => {
            const target = agencies[at];
            const s = suggestAddress(dir, naming, d, name, target);
            const taken = takenAddresses(dir);
            const nameParts = name.family.includes(' ') ? name : undefined;
            if (s.variant.address) {
              expect(taken.has(s.variant.address)).toBe(false);
              target.staff.push(person(`p${i}`, fullName(name), s.variant.address, { nameParts }));
            } else {
              // The administrator decides: a free address, recorded as an exception.
              target.staff.push(person(`p${i}`, fullName(name), `x${i}@${d}`, { nameParts, exception: { reason: 'trùng tên', reference: 'CV' } }));
            }
          });
          const ctx = { dir, province: {} as Province, profile, today: '2025-01-01', unreadableAgencies: new Set<string>() };
          expect(runRules([personAddress, personCollision], ctx)).toEqual([]);
        }),
        { numRuns: 150 },
      );
    });
  }
});

describe('staff entries written into YAML text', () => {
  it('appends after the last item, keeping every byte before it', () => {
    const text = '# đầu tệp\nid: a # c\nmaintainers: [x]\nstaff:\n  - id: a-0001 # giữ\n    name: Lê Văn A\n    mailbox: lva@x.vn\n  # ghi chú cuối\nunits: []\n';
    const out = appendStaff(text, { id: 'a-0002', name: 'Trần Thị B', mailbox: 'ttb@x.vn', title: 'Chuyên viên' });
    expect(out).toBe('# đầu tệp\nid: a # c\nmaintainers: [x]\nstaff:\n  - id: a-0001 # giữ\n    name: Lê Văn A\n    mailbox: lva@x.vn\n  - id: a-0002\n    name: Trần Thị B\n    title: Chuyên viên\n    mailbox: ttb@x.vn\n  # ghi chú cuối\nunits: []\n');
  });

  it('adds a staff list when there is none, and copes with a missing final newline', () => {
    expect(appendStaff('id: a', { id: 'p-1', name: 'Lê A', mailbox: 'la@x.vn' })).toBe('id: a\nstaff:\n  - id: p-1\n    name: Lê A\n    mailbox: la@x.vn\n');
    expect(appendStaff('staff:\n  - id: p-1\n    mailbox: a@x', { id: 'p-2', name: 'B', mailbox: 'b@x' })).toBe('staff:\n  - id: p-1\n    mailbox: a@x\n  - id: p-2\n    name: B\n    mailbox: b@x\n');
  });

  it('numbers ids one past the province maximum, in the agency’s own prefix', () => {
    expect(nextPersonId(['hue-0001', 'hue-0002'], ['hue-0001', 'hue-0002', 'hue-1501'], 'x')).toBe('hue-1502');
    expect(nextPersonId([], [], 'cantho')).toBe('cantho-0001');
  });
});

describe('suggest and add commands', () => {
  let work: string;
  let out: string[];
  let err: string[];
  const env = (): CommandEnv => ({ lang: 'vi', cwd: process.cwd(), stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  const run = async (cmd: typeof addCommand, args: string[]) => {
    out = [];
    err = [];
    return cmd.run([...args, '--directory', work], env());
  };

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'danhba-names-'));
    for (const d of ['thuathienhue.gov.vn', 'cantho.gov.vn', 'ninhbinh.gov.vn']) await cp(join('directory', d), join(work, d), { recursive: true });
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('suggest prints the next legal variant and, with --json, the variant and citation', async () => {
    expect(await run(suggestCommand, ['--province', 'ninhbinh', '--name', 'Nguyễn Văn Minh', '--agency', 'stttt'])).toBe(0);
    expect(out[0]).toBe('minhnv4.stttt@ninhbinh.gov.vn'); // minhnv, minhnv2 and the revoked minhnv3 are held
    expect(await run(suggestCommand, ['--province', 'cantho', '--name', 'Trần Thị Thu Hà', '--json'])).toBe(0);
    expect(JSON.parse(out.join('\n'))).toMatchObject({ address: 'tttha@cantho.gov.vn', adminDecision: false, variant: { step: 0 }, citation: 'Cần Thơ QĐ 33/2015 Điều 4.2.c' });
  });

  it('suggest says clearly when the administrator must decide (exit 1)', async () => {
    expect(await run(suggestCommand, ['--province', 'cantho', '--name', 'Nguyễn Văn Minh'])).toBe(1);
    expect(err.join('\n')).toContain('cần quyết định của quản trị');
    expect(err.join('\n')).toContain('nguyenvanminh@cantho.gov.vn');
    expect(await run(suggestCommand, ['--province', 'cantho', '--name', 'Nguyễn Văn Minh', '--json'])).toBe(1);
    expect(JSON.parse(out.join('\n'))).toMatchObject({ address: null, adminDecision: true, citation: 'Cần Thơ QĐ 33/2015 Điều 4.2.d' });
  });

  it('suggest needs --agency where addresses carry the agency', async () => {
    await expect(run(suggestCommand, ['--province', 'thuathienhue', '--name', 'Lê Văn Tám'])).rejects.toThrow(/--agency/);
  });

  it('add appends the entry, keeps the file’s text, and the province still validates', async () => {
    const file = join(work, 'thuathienhue.gov.vn/agencies/stttt.yaml');
    const before = await readFile(file, 'utf8');
    expect(await run(addCommand, ['--province', 'thuathienhue', '--agency', 'stttt', '--name', 'Đặng  Thị Bích NGỌC', '--title', 'Chuyên viên', '--unit', 'van-phong'])).toBe(0);
    const after = await readFile(file, 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(after.slice(before.length)).toBe('  - id: hue-1502\n    name: Đặng Thị Bích NGỌC\n    title: Chuyên viên\n    unit: van-phong\n    mailbox: dtbngoc.stttt@thuathienhue.gov.vn\n');
    const v = await validateProvince(join(work, 'thuathienhue.gov.vn'));
    expect(v.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('add writes nameParts for an explicit split into a file without staff', async () => {
    expect(await run(addCommand, ['--province', 'thuathienhue', '--agency', 'tphue', '--name', 'Y Moan Niê', '--family', 'Niê', '--given', 'Y Moan'])).toBe(0);
    expect(out[0]).toContain('nymoan.tphue@thuathienhue.gov.vn');
    expect(await readFile(join(work, 'thuathienhue.gov.vn/agencies/tphue.yaml'), 'utf8')).toContain('staff:\n  - id: hue-1503\n    name: Y Moan Niê\n    nameParts:\n      family: Niê\n      middle: []\n      given: Y Moan\n');
  });

  it('add refuses when the administrator must decide, and records the decision when given', async () => {
    const file = join(work, 'cantho.gov.vn/agencies/sonv.yaml');
    const before = await readFile(file, 'utf8');
    expect(await run(addCommand, ['--province', 'cantho', '--agency', 'sonv', '--name', 'Nguyễn Văn Minh'])).toBe(1);
    expect(err.join('\n')).toContain('quyết định của quản trị');
    expect(await readFile(file, 'utf8')).toBe(before);
    expect(await run(addCommand, ['--province', 'cantho', '--agency', 'sonv', '--name', 'Nguyễn Văn Minh', '--mailbox', 'nvminh5@cantho.gov.vn', '--reason', 'Người trùng tên thứ năm', '--reference', 'CV 9/STTTT'])).toBe(0);
    expect(await readFile(file, 'utf8')).toContain('    mailbox: nvminh5@cantho.gov.vn\n    exception:\n      reason: Người trùng tên thứ năm\n      reference: CV 9/STTTT\n');
    const v = await validateProvince(join(work, 'cantho.gov.vn'));
    expect(v.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('suggest --json lists the whole ordered sequence with who holds each step (issue 13 point 24)', async () => {
    expect(await run(suggestCommand, ['--province', 'ninhbinh', '--name', 'Nguyễn Văn Minh', '--agency', 'stttt', '--json'])).toBe(0);
    const json = JSON.parse(out.join('\n'));
    expect(json.sequence.slice(0, 4).map((v: { address: string; holding: string }) => [v.address, v.holding])).toEqual([
      ['minhnv.stttt@ninhbinh.gov.vn', 'namesake'],
      ['minhnv2.stttt@ninhbinh.gov.vn', 'namesake'],
      ['minhnv3.stttt@ninhbinh.gov.vn', 'namesake'],
      ['minhnv4.stttt@ninhbinh.gov.vn', 'free'],
    ]);
    expect(json.address).toBe('minhnv4.stttt@ninhbinh.gov.vn');
  });

  it('suggest and add refuse digits and brackets in a name before anything is written (issue 13 point 22)', async () => {
    const file = join(work, 'thuathienhue.gov.vn/agencies/stttt.yaml');
    const before = await readFile(file, 'utf8');
    await expect(run(addCommand, ['--province', 'thuathienhue', '--agency', 'stttt', '--name', 'Nguyễn Văn Minh 2'])).rejects.toThrow(/chữ số "2"/);
    await expect(run(addCommand, ['--province', 'thuathienhue', '--agency', 'stttt', '--name', 'Lê Thị Lan (Kế toán)'])).rejects.toThrow(/dấu ngoặc "\("/);
    await expect(run(suggestCommand, ['--province', 'cantho', '--name', 'Lê Văn Tư', '--family', 'Lê', '--given', 'Tư]'])).rejects.toThrow(/--given/);
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('add writes đ and ư for the look-alikes ð and ƣ, and says so (issue 13 point 22)', async () => {
    const file = join(work, 'thuathienhue.gov.vn/agencies/stttt.yaml');
    expect(await run(addCommand, ['--province', 'thuathienhue', '--agency', 'stttt', '--name', 'Ðỗ Thị Ƣng'])).toBe(0);
    expect(err.join('\n')).toContain('"Đỗ Thị Ưng"');
    const text = await readFile(file, 'utf8');
    expect(text).toContain('    name: Đỗ Thị Ưng\n    mailbox: dtung.stttt@thuathienhue.gov.vn\n');
    expect(text).not.toMatch(/[ðÐƣƢ]/);
  });

  it('add restores the file when the new entry would not validate', async () => {
    const file = join(work, 'cantho.gov.vn/agencies/stttt.yaml');
    const before = await readFile(file, 'utf8');
    expect(await run(addCommand, ['--province', 'cantho', '--agency', 'stttt', '--name', 'Lê Văn Tư', '--phone', 'gọi tôi'])).toBe(1);
    expect(err[0]).toContain('tệp đã được giữ nguyên');
    expect(await readFile(file, 'utf8')).toBe(before);
  });
});
