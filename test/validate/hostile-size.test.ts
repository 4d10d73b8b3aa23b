// Time bounds: loading is linear in the input. A 3 MB single line ending in an NFD character
// took 13 minutes before (the column of the NFC finding was found by normalising ever longer
// prefixes). These files sit just under the 10 MB limit; the bound is generous for a busy CI
// machine (the time is printed), and a quadratic step would take minutes, not seconds.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../../scripts/load/source.js';
import { validateProvince } from '../../scripts/validate.js';
import { FIXTURES, overlayFixture, removeFixture } from '../helpers/fixtures.js';

const SIZE = 9.5 * 1024 * 1024;
const BOUND_MS = 30_000;
const made: string[] = [];
afterAll(() => made.forEach(removeFixture));

async function timed(agencyText: string) {
  expect(Buffer.byteLength(agencyText)).toBeGreaterThan(SIZE - 1024);
  expect(Buffer.byteLength(agencyText)).toBeLessThan(MAX_FILE_BYTES);
  const root = overlayFixture(join(FIXTURES, 'rules', '__none__'));
  made.push(root);
  writeFileSync(join(root, 'agencies', 'stttt.yaml'), agencyText);
  const started = performance.now();
  const { findings } = await validateProvince(root, { today: '2026-11-25' });
  const ms = performance.now() - started;
  console.log(`validated ${(Buffer.byteLength(agencyText) / 1024 / 1024).toFixed(1)} MB in ${ms.toFixed(0)} ms`);
  expect(ms).toBeLessThan(BOUND_MS);
  return findings.filter((f) => f.file.endsWith('stttt.yaml'));
}

it('a 9.5 MB single-line file ending in an NFD character: the finding at its column, in seconds', async () => {
  const head = '{id: stttt, name: Sở Thông tin và Truyền thông, kind: provincial, mailbox: stttt@thuathienhue.gov.vn, maintainers: [stttt-gh], address: "';
  const fill = 'a'.repeat(SIZE - Buffer.byteLength(head));
  const findings = await timed(`${head}${fill}e\u0301"}`);
  const nfc = findings.find((f) => f.rule === 'text-nfc');
  expect(nfc).toMatchObject({ line: 1, col: head.length + fill.length + 1 });
});

it('a 9.5 MB file of 200,000 lines, each ending in an NFD character, in seconds', async () => {
  const base = '# yaml-language-server: $schema=../../../../schema/agency.schema.json\nid: stttt\nname: Sở Thông tin và Truyền thông\nkind: provincial\nmailbox: stttt@thuathienhue.gov.vn\nmaintainers: [stttt-gh]\n';
  const line = '# Nguyễn Văn Minh, Trần Thị Thu Hà, Lê Quang Đạt, Hoa\u0300\n';
  const lines = Math.ceil((SIZE - base.length) / Buffer.byteLength(line));
  const findings = await timed(base + line.repeat(lines));
  const nfc = findings.filter((f) => f.rule === 'text-nfc');
  expect(nfc.length).toBe(20); // capped per file
  expect(nfc[0]).toMatchObject({ line: 7, col: line.indexOf('a\u0300') + 1 });
});
