// A province merged across domains (Nghị quyết 202/2025/QH15: Hà Nam into Ninh Bình), on a real
// git repository and the real slapd: `reorganize` brings the absorbed folder in (archive files
// under the old domain, people moved with an address by Ninh Bình's rule, a clashing person id
// re-keyed with provenance), the branch validates clean, and LDAP carries each old address as
// an alias (mailLocalAddress) of the new mailbox, then as a forward, then retires it under
// ou=revoked — through updates and renames, never a delete or a delete + create.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { diffCommand } from '../../scripts/cli/commands/diff.js';
import type { AdminOnlyChange } from '../../scripts/git/admin-only.js';
import type { MailboxChange } from '../../scripts/git/changeset.js';
import { adminOnlyLines } from '../../scripts/git/format-diff.js';
import { reorganizeCommand } from '../../scripts/cli/commands/reorganize.js';
import { mailConfig } from '../../scripts/mail/config.js';
import { formerDomainsOf } from '../../scripts/passwords/province.js';
import { syncProvince } from '../../scripts/ldap/sync.js';
import { validateProvince } from '../../scripts/validate.js';
import { runCommand } from '../git/helpers.js';
import { find, one, open } from '../ldap/helpers.js';
import { commitEverything, gitIn } from '../helpers/git.js';

const REPO = join(import.meta.dirname, '..', '..');
const RECEIVING = 'directory/ninhbinh.gov.vn';
const MAPPING = `${RECEIVING}/reorganisations/2025-07-01-hanam.yaml`;
const BASE = 'dc=merge,dc=scenarios,dc=test';
const REFERENCE = 'Nghị quyết 202/2025/QH15';
const ldap = inject('ldap');
const connection = { url: ldap.url, bindDN: ldap.bindDN, bindPassword: ldap.bindPassword };
// Effective 2025-07-01, 3 months of aliases, then 2 months of forwarding.
const ALIAS_DAY = '2025-07-15';
const FORWARD_DAY = '2025-10-15';
const RETIRED_DAY = '2025-12-15';

const MAPPING_TEXT = `# yaml-language-server: $schema=../../../schema/reorganisation.schema.json
basis: { reference: Nghị quyết 202/2025/QH15, date: 2025-06-12, title: Sắp xếp đơn vị hành chính cấp tỉnh }
effective: 2025-07-01
changes:
  - mergeProvince: hanam.gov.vn
    name: Hà Nam
    transitionMonths: 3
    agencies:
      stttt: stttt   # Sở TT&TT Hà Nam → Sở TT&TT Ninh Bình; lamha is unlisted: a new agency
`;

let root: string;
const git = gitIn(() => root);
const province = () => join(root, RECEIVING);
const read = (rel: string) => readFileSync(join(province(), rel), 'utf8');

beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'danhba-merge-')));
  cpSync(join(REPO, RECEIVING), province(), { recursive: true });
  cpSync(join(REPO, 'test/fixtures/reorganize/hanam.gov.vn'), join(root, 'directory/hanam.gov.vn'), { recursive: true });
  writeFileSync(join(province(), 'province.yaml'), read('province.yaml').replace(/baseDN: .*/, `baseDN: ${BASE}`));
  mkdirSync(join(province(), 'reorganisations'), { recursive: true });
  writeFileSync(join(root, MAPPING), MAPPING_TEXT);
  commitEverything(git, 'Ninh Bình, and Hà Nam before the merge');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a merge-province change is data', () => {
  it('an unknown receiving agency is a finding at its line; the source is not read by validate', async () => {
    writeFileSync(join(root, MAPPING), MAPPING_TEXT.replace('stttt: stttt', 'stttt: khongco').replace('mergeProvince: hanam.gov.vn', 'mergeProvince: hanam.gov.vn\n    source: ../../etc'));
    try {
      const v = await validateProvince(province(), { today: ALIAS_DAY });
      const found = v.findings.filter((f) => f.file.endsWith('2025-07-01-hanam.yaml'));
      expect(found.map((f) => f.message.en)).toEqual(['agencies.stttt: no receiving agency "khongco" in Ninh Bình.']);
      expect(found[0].line).toBe(5);
    } finally {
      writeFileSync(join(root, MAPPING), MAPPING_TEXT);
    }
  });

  it('a receiving agency whose file does not load is reported once, by its file, not also as missing', async () => {
    const file = join(province(), 'agencies/stttt.yaml');
    const before = readFileSync(file, 'utf8');
    writeFileSync(file, before + '\n  - this is not: [valid\n');
    try {
      const v = await validateProvince(province(), { today: ALIAS_DAY });
      expect(v.findings.some((f) => f.file.endsWith('agencies/stttt.yaml') && f.severity === 'error')).toBe(true);
      expect(v.findings.filter((f) => f.file.endsWith('2025-07-01-hanam.yaml'))).toEqual([]);
    } finally {
      writeFileSync(file, before);
    }
  });

  it('reorganize refuses a source outside the repository, and writes nothing', async () => {
    writeFileSync(join(root, MAPPING), MAPPING_TEXT.replace('mergeProvince: hanam.gov.vn', 'mergeProvince: hanam.gov.vn\n    source: ../outside'));
    try {
      const r = await runCommand(reorganizeCommand, [MAPPING, '--forward-months', '2'], root);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/source "\.\.\/outside" is outside the repository/);
      expect(existsSync(join(province(), 'agencies/hanam-stttt.yaml'))).toBe(false);
    } finally {
      writeFileSync(join(root, MAPPING), MAPPING_TEXT);
    }
  });
  it('without transitionMonths the 6-month alias period is used and labelled danhba policy', async () => {
    writeFileSync(join(root, MAPPING), MAPPING_TEXT.replace('    transitionMonths: 3\n', ''));
    try {
      const r = await runCommand(reorganizeCommand, [MAPPING, '--forward-months', '2', '--format', 'json'], root);
      const out = JSON.parse(r.out) as { notes: string[]; addresses: { address: string; aliasUntil?: string }[] };
      expect(out.notes).toEqual([expect.stringMatching(/6 months — a danhba-policy default \(no regulation sets it\)/)]);
      expect(out.addresses.find((a) => a.address === 'nvminh.stttt@hanam.gov.vn')?.aliasUntil).toBe('2026-01-01');
    } finally {
      git('checkout', '-q', '--', '.');
      git('clean', '-qfd');
      writeFileSync(join(root, MAPPING), MAPPING_TEXT);
    }
  });
});

describe('danhba reorganize --branch of a province merge', () => {
  let addresses: { address: string; outcome: string; to?: string; aliasUntil?: string; until?: string; personId?: string }[];
  beforeAll(async () => {
    // Ninh Bình's LDAP before the merge, as production would have it.
    const first = await syncProvince({ root: province(), apply: true, connection, today: ALIAS_DAY, commit: null });
    expect(first.status).toBe('applied');
    const r = await runCommand(reorganizeCommand, [MAPPING, '--branch', 'sap-nhap', '--forward-months', '2', '--format', 'json'], root);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    addresses = (JSON.parse(r.out) as { addresses: typeof addresses }).addresses;
  });

  it('accounts for every old address of the absorbed province', () => {
    const old = ['stttt', 'vp.stttt', 'nvminh.stttt', 'tthoa.stttt', 'lvbinh.stttt', 'lamha', 'trangpt.lamha'].map((l) => `${l}@hanam.gov.vn`);
    expect(addresses.map((a) => a.address).sort()).toEqual(old.sort());
    // The namesake of Ninh Bình's three Nguyễn Văn Minh takes the next number (Điều 5.2.b).
    expect(addresses.find((a) => a.address === 'nvminh.stttt@hanam.gov.vn')).toMatchObject({ outcome: 'moved', to: 'minhnv4.stttt@ninhbinh.gov.vn', aliasUntil: '2025-10-01', until: '2025-12-01' });
    expect(addresses.find((a) => a.address === 'lamha@hanam.gov.vn')).toMatchObject({ outcome: 'forwarded', to: 'lamha@ninhbinh.gov.vn' });
    expect(addresses.find((a) => a.address === 'lvbinh.stttt@hanam.gov.vn')).toMatchObject({ outcome: 'kept' });
  });

  it('writes archive files, re-keys a clashing id with provenance, and the branch validates clean', async () => {
    expect(git('rev-list', '--count', 'main..sap-nhap')).toBe('1');
    // The absorbed folder leaves the repository in the same commit: its data is in the archive files.
    expect(existsSync(join(root, 'directory/hanam.gov.vn'))).toBe(false);
    const archive = read('agencies/hanam-stttt.yaml');
    expect(archive).toContain('# Sở Thông tin và Truyền thông tỉnh Hà Nam (dữ liệu hư cấu'); // its own comments survive
    // nb-0003 is Ninh Bình's Nguyễn Thị Thu Hà: Hà Nam's nb-0003 gets a new id and says where it came from.
    const rekeyed = /- id: (nb-\d+) # trùng id với Ninh Bình: được đổi khoá\n\s+importedFrom: "directory\/hanam\.gov\.vn\/agencies\/stttt\.yaml#nb-0003"/.exec(archive);
    expect(rekeyed).not.toBeNull();
    expect(rekeyed![1]).not.toBe('nb-0003');
    expect(read('agencies/stttt.yaml')).toMatch(new RegExp(`id: ${rekeyed![1]}\\n\\s+name: Nguyễn Văn Minh\\n(.*\\n)*?\\s+mailbox: minhnv4\\.stttt@ninhbinh\\.gov\\.vn`));
    expect(read('province.yaml')).toMatch(/formerDomains:\n\s+- \{domain: hanam\.gov\.vn, name: Hà Nam, until: 2025-12-01, reference: Nghị quyết 202\/2025\/QH15\}/);
    const v = await validateProvince(province(), { today: ALIAS_DAY });
    expect(v.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it("puts the absorbed agencies in the former province's territory: archive files and new agencies, not the receiving Sở", () => {
    // (the receiving profile has no version for Hà Nam: its own rules apply there, and
    // agency-territory knows the territory from province.yaml formerDomains)
    expect(read('agencies/hanam-stttt.yaml')).toMatch(/\nterritory: hanam\n/);
    expect(read('agencies/hanam-lamha.yaml')).toMatch(/\nterritory: hanam\n/);
    expect(read('agencies/lamha.yaml')).toMatch(/\nterritory: hanam\n/);
    expect(read('agencies/stttt.yaml')).not.toMatch(/territory:/);
  });

  it('an old-domain address left active is accepted only until the transition of its domain ends', async () => {
    const rel = 'agencies/hanam-stttt.yaml';
    const original = read(rel);
    // As for a namesake the merge leaves to the administrator: the old entry stays active.
    writeFileSync(join(province(), rel), original.replace(/(mailbox: tthoa\.stttt@hanam\.gov\.vn\n)\s+status:\n(\s+\w+: .*\n)+/, '$1'));
    try {
      const during = await validateProvince(province(), { today: ALIAS_DAY });
      expect(during.findings.filter((f) => f.rule === 'address-domain')).toEqual([]);
      const after = await validateProvince(province(), { today: RETIRED_DAY });
      expect(after.findings.filter((f) => f.rule === 'address-domain').map((f) => f.message.en)).toEqual(['"tthoa.stttt@hanam.gov.vn" is still active under hanam.gov.vn, whose transition ended on 2025-12-01.']);
    } finally {
      writeFileSync(join(province(), rel), original);
    }
  });

  it('diff reads as aliases and forwards of the old domain', async () => {
    const r = await runCommand(diffCommand, ['main', 'sap-nhap', '--today', ALIAS_DAY, '--no-history'], root);
    expect(r.out).toContain('nvminh.stttt@hanam.gov.vn — Nguyễn Văn Minh → minhnv4.stttt@ninhbinh.gov.vn (alias until 2025-10-01, forwards until 2025-12-01)');
    // An old-domain address is not in the namespace of the receiving agency of the same local name.
    expect(r.out).not.toMatch(/another agency's namespace/);
    expect(r.out).not.toMatch(/removed/);
  });

  it('many legacy marks under one act read as one line for the reviewer', () => {
    const change = (address: string) => ({ key: address, kind: 'person', change: 'created', agency: 'hanam-stttt', address, name: 'X', fields: [], status: { state: 'forwarding' }, loc: { file: '', line: 1, col: 1 } }) as MailboxChange;
    const marks = Array.from({ length: 7 }, (_, i) => ({ reason: 'field', field: 'legacy', value: { mailbox: `a${i}@hanam.gov.vn`, reference: REFERENCE }, change: change(`a${i}@hanam.gov.vn`) }) as AdminOnlyChange);
    expect(adminOnlyLines(marks, 'en')).toEqual(['legacy (Nghị quyết 202/2025/QH15): 7 addresses, e.g. a0@hanam.gov.vn, a1@hanam.gov.vn, a2@hanam.gov.vn, …']);
    expect(adminOnlyLines(marks.slice(0, 5), 'en')).toHaveLength(5);
  });

  it('the mail system takes the old domain until the last forward ends', () => {
    expect(formerDomainsOf(join(root, 'directory'), 'ninhbinh.gov.vn', ALIAS_DAY)).toEqual(['hanam.gov.vn']);
    expect(formerDomainsOf(join(root, 'directory'), 'ninhbinh.gov.vn', '2025-12-01')).toEqual([]);
    const files = mailConfig({ domain: 'ninhbinh.gov.vn', formerDomains: ['hanam.gov.vn'], baseDN: BASE, ldapUrls: ['ldap://127.0.0.1:1'], bindDN: 'cn=r', bindPassword: 'x', dir: '/tmp/m', ports: { smtp: 1, submission: 2, imap: 3, lmtp: 4, auth: 5, policy: 6 } });
    expect(files.find((f) => f.path === 'postfix/main.cf')!.content).toContain('virtual_mailbox_domains = ninhbinh.gov.vn, hanam.gov.vn');
    expect(files.find((f) => f.path === 'postfix/ldap-aliases.cf')!.content).toContain('domain = ninhbinh.gov.vn, hanam.gov.vn');
  });

  it('LDAP: aliases during the transition, then a forward, then ou=revoked — never a delete or a delete + create', async () => {
    const client = await open(connection);
    try {
      const plan = await syncProvince({ root: province(), apply: false, connection, today: ALIAS_DAY, commit: null });
      const changes = plan.plan!.changes;
      expect(changes.filter((c) => c.action === 'delete' || c.action === 'disable')).toEqual([]);
      const applied = await syncProvince({ root: province(), apply: true, connection, today: ALIAS_DAY, commit: null });
      expect(applied.status).toBe('applied');
      const minh = await one(client, BASE, '(mail=minhnv4.stttt@ninhbinh.gov.vn)');
      expect(minh.mailLocalAddress).toEqual(expect.arrayContaining(['minhnv4.stttt@ninhbinh.gov.vn', 'nvminh.stttt@hanam.gov.vn']));
      // Exactly one entry answers for the old address (Postfix's lookup), and its own entry routes nothing.
      expect(await find(client, BASE, '(|(mail=nvminh.stttt@hanam.gov.vn)(mailLocalAddress=nvminh.stttt@hanam.gov.vn))')).toHaveLength(1);
      const old = await one(client, BASE, '(danhbaMail=nvminh.stttt@hanam.gov.vn)');
      expect(old.mailRoutingAddress).toBeUndefined();
      // The agency's and the unit's old addresses are aliases of Ninh Bình's Sở.
      expect((await one(client, BASE, '(mail=stttt@ninhbinh.gov.vn)')).mailLocalAddress).toEqual(expect.arrayContaining(['stttt@hanam.gov.vn', 'vp.stttt@hanam.gov.vn']));

      const ids = new Set(changes.map((c) => c.id));
      // Naming the act carries its forwards past the mass-removal guard (apply --reorganisation).
      const act = { reorganisations: [REFERENCE], reorganisation: REFERENCE };
      const forward = await syncProvince({ root: province(), apply: true, connection, today: FORWARD_DAY, commit: null, massRemoval: { fraction: 0, max: 2 }, ...act });
      expect(forward.status).toBe('applied');
      const fc = forward.plan!.changes;
      expect(fc.filter((c) => c.action === 'delete' || (c.action === 'create' && ids.has(c.id)))).toEqual([]);
      const forwarding = await one(client, BASE, '(mail=nvminh.stttt@hanam.gov.vn)');
      expect(forwarding).toMatchObject({ dn: old.dn, mailRoutingAddress: 'minhnv4.stttt@ninhbinh.gov.vn', danhbaState: 'forwarding' });
      expect((await one(client, BASE, '(mail=minhnv4.stttt@ninhbinh.gov.vn)')).mailLocalAddress).toBe('minhnv4.stttt@ninhbinh.gov.vn');

      const retired = await syncProvince({ root: province(), apply: true, connection, today: RETIRED_DAY, commit: null, massRemoval: { fraction: 0, max: 2 }, ...act });
      expect(retired.status).toBe('applied');
      expect(retired.plan!.changes.filter((c) => c.action === 'delete' || c.action === 'create')).toEqual([]);
      const gone = await one(client, BASE, '(danhbaMail=nvminh.stttt@hanam.gov.vn)');
      expect(gone.dn).toMatch(/,ou=revoked,dc=merge/);
      expect(gone.mail).toBeUndefined();
      expect(gone.danhbaState).toBe('revoked');
      // The new mailbox is the same entry all along.
      expect((await one(client, BASE, '(mail=minhnv4.stttt@ninhbinh.gov.vn)')).dn).toBe(minh.dn);
    } finally {
      await client.unbind();
    }
  });
});
