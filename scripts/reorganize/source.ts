// The absorbed province's directory for a merge-province change. The absorbed provinces have
// no profile in danhba (Hà Nam, Nam Định, Thái Bình…: their regulations are not seeded), so
// their folder is read as data under their own domain: only `agencies/*.yaml`, each through
// the same decode → YAML → schema → model steps as every agency file; no rule of theirs is
// judged. The receiving profile's rules apply to what the merge writes (new addresses by its
// naming rule, validated in a scratch copy before anything is written). Read by `reorganize`
// only, never by validate: the folder a mapping file names must stay inside the repository.
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { msg } from '../i18n.js';
import { buildAgency } from '../load/build.js';
import { parseFile } from '../load/directory.js';
import { domainOf } from '../model/mailboxes.js';
import type { Agency } from '../model/types.js';
import { FORMAT_CITATION } from '../profiles/types.js';
import type { Finding } from '../rules/finding.js';
import { REORGANISATION_RULE, type ProvinceMerge } from './mapping.js';
import type { AbsorbedDirectory } from './plan.js';

/** The folder a merge-province change reads, relative to the repository root. */
export const sourceOf = (c: ProvinceMerge) => c.source ?? `directory/${c.domain}`;

function refuse(c: ProvinceMerge, vi: string, en: string): Finding {
  return { rule: REORGANISATION_RULE, severity: 'error', file: c.at.file, line: c.at.line, col: c.at.col, message: msg(vi, en), citation: FORMAT_CITATION };
}

/**
 * Read the absorbed directory of `change`. `repo` is the repository root (the folder holding
 * `directory/`); `cwd` labels findings. Nothing partial: any finding and no directory is returned.
 */
export function readAbsorbed(repo: string, change: ProvinceMerge, cwd = process.cwd()): { absorbed?: AbsorbedDirectory; findings: Finding[] } {
  const rel = sourceOf(change);
  const abs = resolve(repo, rel);
  const inside = relative(repo, abs);
  if (!inside || inside.startsWith('..') || isAbsolute(inside)) return { findings: [refuse(change, `source "${rel}" nằm ngoài kho.`, `source "${rel}" is outside the repository.`)] };
  // No symlink on the way: the folder is read as it is in the repository.
  for (let p = abs; p !== repo && p.startsWith(repo); p = resolve(p, '..')) {
    let st;
    try {
      st = lstatSync(p);
    } catch {
      return { findings: [refuse(change, `Không đọc được thư mục ${rel} của ${change.domain}: đặt thư mục danh bạ của tỉnh đó (agencies/*.yaml) vào đây, hoặc sửa source.`, `Cannot read ${rel}, the directory of ${change.domain}: put that province's directory (agencies/*.yaml) there, or fix source.`)] };
    }
    if (st.isSymbolicLink()) return { findings: [refuse(change, `${relative(repo, p)} là liên kết tượng trưng: không đọc.`, `${relative(repo, p)} is a symbolic link: not followed.`)] };
  }
  const label = relative(cwd, abs) || '.';
  let names: string[];
  try {
    names = readdirSync(join(abs, 'agencies')).filter((n) => n.endsWith('.yaml')).sort();
  } catch {
    return { findings: [refuse(change, `${rel} không có thư mục agencies/.`, `${rel} has no agencies/ folder.`)] };
  }
  const findings: Finding[] = [];
  const agencies: Agency[] = [];
  const texts = new Map<string, string>();
  for (const name of names) {
    const path = join(abs, 'agencies', name);
    if (!lstatSync(path).isFile()) {
      findings.push(refuse(change, `${rel}/agencies/${name} không phải tệp thường.`, `${rel}/agencies/${name} is not a regular file.`));
      continue;
    }
    const bytes = readFileSync(path);
    const file = `${label}/agencies/${name}`;
    const parsed = parseFile('agency', file, bytes);
    findings.push(...parsed.findings);
    if (!parsed.tree) continue;
    const agency = buildAgency(parsed.tree, `agencies/${name}`);
    if (`${agency.id}.yaml` !== name) findings.push(refuse(change, `${file}: id "${agency.id}" khác tên tệp.`, `${file}: id "${agency.id}" differs from the file name.`));
    // Every address of the absorbed directory is under its own domain: anything else is not its to give.
    const addresses = [agency.mailbox, agency.adminMailbox, ...agency.units.flatMap((u) => [u.mailbox, u.adminMailbox]), ...agency.staff.map((p) => p.mailbox)];
    const foreign = addresses.find((a) => a && domainOf(a).toLowerCase() !== change.domain);
    if (foreign) findings.push(refuse(change, `${file}: ${foreign} không thuộc ${change.domain}.`, `${file}: ${foreign} is not under ${change.domain}.`));
    agencies.push(agency);
    texts.set(agency.id, bytes.toString('utf8').replace(/^\uFEFF/, ''));
  }
  if (!agencies.length && !findings.length) findings.push(refuse(change, `${rel}/agencies/ không có tệp nào.`, `${rel}/agencies/ holds no file.`));
  if (findings.length) return { findings };
  return { absorbed: { agencies, texts, label: rel }, findings };
}
