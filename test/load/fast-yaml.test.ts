// The fast YAML decoder (scripts/load/fast-yaml.ts) may only ever say "not mine": every text it
// accepts must be one the full `yaml` Document path reads without a finding, into the same
// values (prototype-free mappings included) and the same file:line:col for every key, item and
// container. Checked over the repository's data and fixtures, five generated provinces, the
// hostile corpus, a table of YAML it must hand over, and random mutations of a real file.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateDirectory } from '../../scripts/generate/directory.js';
import { agencyYaml } from '../../scripts/generate/write.js';
import { fastCompose } from '../../scripts/load/fast-yaml.js';
import { escapePointer, parseYaml, parseYamlFull } from '../../scripts/load/yaml-tree.js';
import { findProfile } from '../../scripts/profiles/index.js';
import { HOSTILE_CASES } from '../fixtures/hostile/cases.js';
import { FIXTURES } from '../helpers/fixtures.js';

const ROOT = join(import.meta.dirname, '..', '..');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(n) ? [p] : [];
  });
}

const pointers = (v: unknown, p = ''): string[] => (v !== null && typeof v === 'object' ? [p, ...Object.entries(v).flatMap(([k, x]) => pointers(x, `${p}/${escapePointer(k)}`))] : [p]);
const mappings = (v: unknown): object[] => (v !== null && typeof v === 'object' ? [...(Array.isArray(v) ? [] : [v]), ...Object.values(v).flatMap(mappings)] : []);

/**
 * The property: refused, or accepted with the full path's exact result. Returns whether the fast
 * path took the text, and why not when it should not have.
 */
function compare(text: string, file = 'agencies/x.yaml'): { accepted: boolean; problem?: string } {
  const composed = fastCompose(text);
  if (!composed) return { accepted: false };
  const full = parseYamlFull(file, text);
  if (!full.tree || full.findings.length > 0) return { accepted: true, problem: `the full path reports ${full.findings.map((f) => f.message.en ?? f.message).join('; ')}` };
  const fast = parseYaml(file, text);
  if (fast.findings.length > 0) return { accepted: true, problem: 'fast findings' };
  const a = full.tree;
  const b = fast.tree!;
  if (!isDeepStrictEqual(a.value, b.value)) return { accepted: true, problem: `values differ: ${JSON.stringify(a.value)} vs ${JSON.stringify(b.value)}` };
  for (const p of [...pointers(a.value), '/nowhere', '/staff/99999/id']) {
    if (!isDeepStrictEqual(a.locate(p), b.locate(p))) return { accepted: true, problem: `locate(${p}): ${JSON.stringify(a.locate(p))} vs ${JSON.stringify(b.locate(p))}` };
  }
  const ma = mappings(a.value);
  const mb = mappings(b.value);
  for (let i = 0; i < ma.length; i++) {
    if (a.locsOf(ma[i]).encode() !== b.locsOf(mb[i]).encode()) return { accepted: true, problem: `locsOf mapping ${i}: ${a.locsOf(ma[i]).encode()} vs ${b.locsOf(mb[i]).encode()}` };
  }
  return { accepted: true };
}

describe('fast YAML decoder', () => {
  it("reads the repository's data and fixtures as the full path does, and hands over every file with a finding", () => {
    const files = [...yamlFiles(join(ROOT, 'directory')), ...yamlFiles(FIXTURES)];
    let accepted = 0;
    for (const f of files) {
      const r = compare(readFileSync(f, 'utf8').replace(/^\uFEFF/, ''), f);
      expect(r.problem, f).toBeUndefined();
      if (r.accepted) accepted++;
    }
    // every hand-written province file is in the subset (they are what real agencies write)
    for (const f of yamlFiles(join(ROOT, 'directory'))) expect(fastCompose(readFileSync(f, 'utf8')), f).toBeDefined();
    expect(accepted).toBeGreaterThan(files.length * 0.9);
  });

  it('reads generated agency files of all five provinces exactly as the full path does', () => {
    for (const id of ['thuathienhue', 'ninhbinh', 'cantho', 'dongnai', 'hungyen']) {
      const dir = generateDirectory({ profile: findProfile(id)!, mailboxes: 600, seed: 7 });
      for (const agency of dir.agencies) {
        const r = compare(agencyYaml(agency));
        expect(r.accepted, `${id} ${agency.id}`).toBe(true);
        expect(r.problem, `${id} ${agency.id}`).toBeUndefined();
      }
    }
  });

  it('never takes a file of the hostile corpus the full path has something to say about', () => {
    let checked = 0;
    for (const c of HOSTILE_CASES) {
      for (const [rel, spec] of Object.entries(c.files)) {
        if (!/\.ya?ml$/.test(rel) || spec === null || (typeof spec !== 'string' && !(spec instanceof Uint8Array))) continue;
        const text = typeof spec === 'string' ? spec : new TextDecoder().decode(spec);
        expect(compare(text.replace(/^\uFEFF/, '')).problem, `${c.id} ${rel}`).toBeUndefined();
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  // Each is valid or invalid YAML outside the subset; the fast path must hand all of them over.
  const base = 'id: stttt\nname: "Sở"\nstaff:\n  - id: p1\n    name: "An"\n';
  const outside: Record<string, string> = {
    anchor: 'id: &a stttt\nname: *a\n',
    alias: 'a: &x [1]\nb: *x\n',
    merge: 'base: &b { kind: x }\nother:\n  <<: *b\n  id: y\n',
    tag: 'id: !!str stttt\n',
    'custom tag': 'id: !foo stttt\n',
    'duplicate key': 'id: a\nid: b\n',
    'duplicate in flow': 's: { state: active, state: revoked }\n',
    'duplicate in a person': base + '    name: "B"\n',
    bom: '\uFEFFid: stttt\n',
    crlf: 'id: stttt\r\nname: "Sở"\r\n',
    tab: 'id:\tstttt\n',
    'tab indent': 'staff:\n\t- id: x\n',
    'escape in quotes': 'name: "S\\u1edf"\n',
    'escaped quote': 'name: "a\\"b"\n',
    'single quotes with quote': "name: 'it''s'\n",
    'block scalar': 'name: |\n  Sở\n',
    'folded scalar': 'name: >\n  Sở\n',
    'multi-line plain': 'name: Sở Thông tin\n  và Truyền thông\n',
    'multi-line quoted': 'name: "Sở Thông tin\n  và Truyền thông"\n',
    'unclosed quote': 'name: "Sở\nid: x\n',
    'document marker': '---\nid: x\n',
    'two documents': 'id: x\n---\nid: y\n',
    'end marker': 'id: x\n...\n',
    directive: '%YAML 1.2\n---\nid: x\n',
    'quoted key': '"id": x\n',
    'complex key': '? id\n: x\n',
    'empty value': 'id:\nname: x\n',
    'null word': 'id: null\n',
    'Null word': 'id: Null\n',
    'TRUE word': 'public: TRUE\n',
    tilde: 'id: ~\n',
    float: 'quotaMB: 1.5\n',
    exponent: 'quotaMB: 1e3\n',
    hex: 'quotaMB: 0x10\n',
    octal: 'quotaMB: 0o17\n',
    'leading zero': 'phone: 0229\n',
    negative: 'quotaMB: -5\n',
    'huge integer': 'quotaMB: 123456789012345678901234567890\n',
    infinity: 'quotaMB: .inf\n',
    'key without space': 'id:x\n',
    'space before colon': 'id : x\n',
    'nested key in value': 'id: a: b\n',
    'odd indentation': 'staff:\n  - id: x\n     name: y\n',
    'less indented key': 'staff:\n  - id: x\n name: y\n',
    'item alone': 'staff:\n  -\n    id: x\n',
    'nested sequence': 'a:\n  - - x\n',
    'indented root': '  id: x\n',
    'sequence root': '- id: x\n',
    'scalar root': 'stttt\n',
    'comment only': '# nothing\n',
    empty: '',
    'trailing comma': 'maintainers: [a, b,]\n',
    'flow over lines': 'maintainers: [a,\n  b]\n',
    'flow pair in sequence': 'maintainers: [a: b]\n',
    'flow empty value': 's: { state: }\n',
    'comment without space': 'name: "x"#c\n',
    'text after quote': 'name: "x" y\n',
    'plain with colon space': 'name: a: b\n',
    'plain ending with colon': 'name: ab:\n',
    'plain with bracket': 'name: a[b]\n',
    'NFD text': 'name: "Se\u0301"\n',
    'invisible character': 'name: "S\u200bở"\n',
    'bidi override': 'name: "\u202eSở"\n',
    'line separator': 'name: "S\u2028ở"\n',
    'NEL': 'name: "S\u0085ở"\n',
    'NUL': 'name: "S\u0000ở"\n',
    'proto key': '__proto__: { polluted: true }\n',
  };
  it.each(Object.entries(outside))('hands over: %s', (name, text) => {
    const r = compare(text);
    expect(r.problem).toBeUndefined();
    // constructs the subset leaves out are refused outright, not "happen to match"; a
    // `__proto__` key is an ordinary key in both paths (prototype-free mappings)
    expect(r.accepted).toBe(name === 'proto key');
  });

  it('agrees with the full path on random edits of a real file', () => {
    const sample = readFileSync(join(ROOT, 'directory/thuathienhue.gov.vn/agencies/huongphong-aluoi.yaml'), 'utf8');
    const pieces = [' ', '  ', '\n', '\n  ', '- ', ': ', ':', '#', ' #', '"', "'", '[', ']', '{', '}', ',', '&a', '*a', '!', '|', '>', '\\', '\t', '\r', '0', '1.5', 'null', 'true', '~', '---', '?', '%', 'é', 'e\u0301', '\u200b', 'x'];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.nat({ max: 4 }), fc.constantFrom(...pieces)), { minLength: 1, maxLength: 4 }), (edits) => {
        let text = sample;
        for (const [at, cut, piece] of edits) {
          const i = at % (text.length + 1);
          text = text.slice(0, i) + piece + text.slice(i + cut);
        }
        const r = compare(text);
        if (r.problem) throw new Error(`${r.problem}\n--- text:\n${text}`);
      }),
      { numRuns: 1500, seed: 18 },
    );
  });
});
