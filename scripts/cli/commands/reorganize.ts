// `danhba reorganize <reorganisations/<date>-<slug>.yaml> [--branch <name>] [--forward-months N] [--format human|json]`
// Turns a reorganisation (merge, rename, abolish) into edits of the agency files: one commit
// per change on a new branch for a person to review, or the work tree when no branch is given.
// Everything is computed and validated in a scratch copy first: if the result brings new
// errors, nothing is written.
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { msg, say, type Lang } from '../../i18n.js';
import { findProfile } from '../../profiles/index.js';
import { formatHuman } from '../../report/human.js';
import type { Finding } from '../../rules/finding.js';
import { checkMapping, parseMapping } from '../../reorganize/mapping.js';
import { planReorganisation, type AbsorbedDirectory, type AddressFate, type ReorganisationPlan } from '../../reorganize/plan.js';
import { readAbsorbed, sourceOf } from '../../reorganize/source.js';
import { applyEdits, PROVINCE_FILE } from '../../reorganize/write.js';
import { openRepo } from '../../git/repo.js';
import { validateProvince } from '../../validate.js';
import { UsageError, type Command, type CommandEnv } from '../command.js';
import { isProvinceFolder } from '../provinces.js';

const errorKey = (f: Finding) => `${f.rule}|${f.file}|${f.message.en}`;

/** The files a reorganisation may edit: the agency files and province.yaml (a merged province's former domain). */
function readAgencyFiles(root: string): Map<string, string> {
  const files = new Map<string, string>([[PROVINCE_FILE, readFileSync(join(root, PROVINCE_FILE), 'utf8')]]);
  for (const name of readdirSync(join(root, 'agencies'))) if (name.endsWith('.yaml')) files.set(`agencies/${name}`, readFileSync(join(root, 'agencies', name), 'utf8'));
  return files;
}

/** Validate `changed` applied to a scratch copy of `root`: the errors it brings that `root` did not have (`known`: their errorKey). */
async function newErrors(root: string, changed: Map<string, string>, known: ReadonlySet<string>, today: string): Promise<Finding[]> {
  const scratch = mkdtempSync(join(tmpdir(), 'danhba-reorganize-'));
  try {
      const copy = join(scratch, basename(root));
      cpSync(root, copy, { recursive: true });
      for (const [path, text] of changed) writeFileSync(join(copy, path), text);
      const after = await validateProvince(copy, { today });
      return after.findings.filter((f) => f.severity === 'error' && !known.has(errorKey({ ...f, file: f.file.replace(copy, root) })));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const OUTCOME = {
  vi: { moved: 'chuyển sang địa chỉ mới', forwarded: 'chuyển tiếp', revoked: 'thu hồi', kept: 'giữ nguyên', 'needs-decision': 'cần quản trị quyết định' },
  en: { moved: 'moved to a new address', forwarded: 'forwarded', revoked: 'revoked', kept: 'kept as is', 'needs-decision': 'needs an administrator' },
};

function fateLine(f: AddressFate, lang: Lang): string {
  const dates = f.aliasUntil
    ? lang === 'vi'
      ? ` (bí danh đến ${f.aliasUntil}, chuyển tiếp đến ${f.until})`
      : ` (alias until ${f.aliasUntil}, forwards until ${f.until})`
    : f.until
      ? lang === 'vi'
        ? ` (đến ${f.until})`
        : ` (until ${f.until})`
      : '';
  return `  ${f.address}  ${OUTCOME[lang][f.outcome]}${f.to ? ` → ${f.to}` : ''}${dates}${f.note ? `  (${f.note})` : ''}`;
}

/** Per outcome, how many old addresses: the reviewer's check that nothing was lost. */
export function accountLine(fates: AddressFate[], lang: Lang): string {
  const counts = new Map<string, number>();
  for (const f of fates) counts.set(f.outcome, (counts.get(f.outcome) ?? 0) + 1);
  const parts = [...counts].map(([k, n]) => `${n} ${OUTCOME[lang][k as AddressFate['outcome']]}`);
  return lang === 'vi' ? `${fates.length} địa chỉ cũ: ${parts.join(', ')}` : `${fates.length} old addresses: ${parts.join(', ')}`;
}

function commitMessage(step: ReorganisationPlan['steps'][number], fates: AddressFate[], reference: string): string {
  const touched = new Set(step.change.kind === 'merge-province' ? step.edits.flatMap((e) => (e.kind === 'copy-agency' ? [e.id] : [])) : step.change.from);
  const lines = fates.filter((f) => touched.has(f.agency)).map((f) => fateLine(f, 'vi').trim());
  return `reorganize: ${step.title} (${reference})\n\n${lines.join('\n')}\n`;
}

/** Each step's changed files, computed once (the scratch validation and the commits share them), and all of them together. */
function stepTexts(files: ReadonlyMap<string, string>, plan: ReorganisationPlan): { perStep: Map<string, string>[]; all: Map<string, string> } {
  const all = new Map<string, string>();
  const current = new Map(files);
  const perStep = plan.steps.map((step) => {
    const changed = applyEdits(current, step.edits);
    for (const [path, text] of changed) {
      current.set(path, text);
      all.set(path, text);
    }
    return changed;
  });
  return { perStep, all };
}

async function writeOnBranch(env: CommandEnv, root: string, plan: ReorganisationPlan, perStep: Map<string, string>[], branch: string, reference: string): Promise<void> {
  const repo = await openRepo(root);
  const status = await repo.git.status(['--porcelain', '--', root]);
  if (!status.isClean()) throw new UsageError(msg(`Thư mục ${relative(env.cwd, root)} có thay đổi chưa commit: commit hoặc stash trước.`, `${relative(env.cwd, root)} has uncommitted changes: commit or stash them first.`)[env.lang]);
  await repo.git.checkoutLocalBranch(branch);
  const scratch = mkdtempSync(join(tmpdir(), 'danhba-reorganize-msg-'));
  try {
    for (const [i, step] of plan.steps.entries()) {
      const changed = perStep[i];
      for (const [path, text] of changed) writeFileSync(join(root, path), text);
      await repo.git.add([...changed.keys()].map((p) => join(root, p)));
      // A merged province's folder now lives in the archive files: it leaves the repository in the same commit.
      if (step.change.kind === 'merge-province') {
        const source = resolve(dirname(dirname(root)), sourceOf(step.change));
        if ((await repo.git.raw(['ls-files', '--', source])).trim()) await repo.git.raw(['rm', '-r', '-q', '--', source]);
      }
      // The message lists every address the step touches: through a file, not argv (128 KiB per argument).
      const message = join(scratch, 'message.txt');
      writeFileSync(message, commitMessage(step, plan.fates, reference));
      await repo.git.raw(['commit', '-q', '-F', message]);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Validate the province as of the act's date, check the mapping, read the absorbed folders and
 * plan: the plan and the keys of the errors already there, or the exit code after printing why
 * not. The loaded directories stay inside (released before the scratch validation: at 3 × 30,000
 * mailboxes, holding both models at once is most of the heap).
 */
async function prepare(env: CommandEnv, root: string, parsed: ReturnType<typeof parseMapping>, months: number | undefined): Promise<number | { mapping: NonNullable<typeof parsed.mapping>; plan: ReorganisationPlan; known: Set<string> }> {
  // The reorganised directory is judged as of the act's effective date, before and after.
  const today = parsed.mapping?.effective;
  const before = await validateProvince(root, today ? { today } : {});
  const profile = before.loaded.dir.province && findProfile(before.loaded.dir.province.ruleSet);
  if (!profile) throw new UsageError(`${relative(env.cwd, root)}: province.yaml không hợp lệ / province.yaml is invalid`);
  const findings = [...parsed.findings, ...(parsed.mapping ? checkMapping(parsed.mapping, before.loaded.dir, before.loaded.unreadableAgencies) : [])];
  if (findings.length || !parsed.mapping) {
    env.stderr(formatHuman(findings, env.lang).trimStart());
    return 1;
  }
  const mapping = parsed.mapping;
  // Absorbed provinces (merge-province): read their folders now, all or nothing.
  const absorbed = new Map<string, AbsorbedDirectory>();
  const sourceFindings: Finding[] = [];
  for (const change of mapping.changes) {
    if (change.kind !== 'merge-province') continue;
    const r = readAbsorbed(dirname(dirname(root)), change, env.cwd);
    sourceFindings.push(...r.findings);
    if (r.absorbed) absorbed.set(change.domain, r.absorbed);
  }
  if (sourceFindings.length) {
    env.stderr(formatHuman(sourceFindings, env.lang).trimStart());
    return 1;
  }
  let plan: ReorganisationPlan;
  try {
    plan = planReorganisation(before.loaded.dir, profile, mapping, { personForwardMonths: months, agencyForwardMonths: months, absorbed });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  return { mapping, plan, known: new Set(before.findings.map(errorKey)) };
}

export const reorganizeCommand: Command = {
  name: 'reorganize',
  summary: { vi: 'Sắp xếp đơn vị hành chính: sáp nhập, đổi tên, giải thể cơ quan thành các commit để duyệt', en: 'Administrative reorganisation: merges, renames, abolitions as commits to review' },
  usage: 'danhba reorganize <directory/<domain>/reorganisations/<date>-<slug>.yaml> [--branch <name>] [--forward-months N] [--format human|json]\n  --branch: one commit per change on a new branch (default: edit the work tree)\n  --forward-months: forwarding period where the regulation sets none\n  a `mergeProvince: <domain>` change reads that province\'s folder (source:, default directory/<domain>) and brings it in',
  async run(argv, env) {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { branch: { type: 'string' }, 'forward-months': { type: 'string' }, format: { type: 'string', default: 'human' } } });
    if (positionals.length !== 1) throw new UsageError('cần đúng một tệp sắp xếp / exactly one reorganisation file');
    const path = resolve(env.cwd, positionals[0]);
    const root = dirname(dirname(path));
    if (basename(dirname(path)) !== 'reorganisations' || !isProvinceFolder(root)) throw new UsageError(`${positionals[0]}: tệp phải nằm trong <tỉnh>/reorganisations/ / the file must be in <province>/reorganisations/`);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      throw new UsageError(`Không đọc được ${positionals[0]} / cannot read ${positionals[0]}`);
    }
    const months = values['forward-months'] === undefined ? undefined : Number(values['forward-months']);
    if (months !== undefined && !(Number.isInteger(months) && months > 0)) throw new UsageError('--forward-months: số nguyên dương / a positive integer');
    const prepared = await prepare(env, root, parseMapping(relative(env.cwd, path), bytes), months);
    if (typeof prepared === 'number') return prepared;
    // The directory models are gone from here on: only the plan, the texts and the error keys.
    const { mapping, plan, known } = prepared;
    const { perStep, all } = stepTexts(readAgencyFiles(root), plan);
    const errors = await newErrors(root, all, known, mapping.effective);
    if (errors.length) {
      env.stderr(say(msg('Không ghi gì: kết quả sắp xếp có lỗi mới.', 'Nothing written: the reorganised directory has new errors.'), env.lang));
      env.stderr(formatHuman(errors, env.lang).trimStart());
      return 1;
    }
    if (values.branch) await writeOnBranch(env, root, plan, perStep, values.branch, mapping.basis.reference);
    else for (const [p, text] of all) writeFileSync(join(root, p), text);

    if (values.format === 'json') {
      env.stdout(JSON.stringify({ mapping: relative(env.cwd, path), branch: values.branch ?? null, steps: plan.steps.map((s) => ({ title: s.title, edits: s.edits.length })), notes: plan.notes.map((n) => n[env.lang]), addresses: plan.fates }, null, 2));
    } else {
      env.stdout(say(msg(`Sắp xếp theo ${mapping.basis.reference}, hiệu lực ${mapping.effective}: ${plan.steps.length} thay đổi, ${all.size} tệp.`, `Reorganisation under ${mapping.basis.reference}, effective ${mapping.effective}: ${plan.steps.length} changes, ${all.size} files.`), env.lang));
      for (const f of plan.fates) env.stdout(fateLine(f, env.lang));
      env.stdout(accountLine(plan.fates, env.lang));
      for (const n of plan.notes) env.stdout(`⚠ ${n[env.lang]}`);
      env.stdout(values.branch
        ? say(msg(`Đã tạo nhánh ${values.branch} (${plan.steps.length} commit). Xem: danhba diff main ${values.branch}`, `Branch ${values.branch} created (${plan.steps.length} commits). Review: danhba diff main ${values.branch}`), env.lang)
        : say(msg('Đã sửa thư mục làm việc. Xem: git diff', 'Work tree edited. Review: git diff'), env.lang));
    }
    return plan.fates.some((f) => f.outcome === 'needs-decision') ? 1 : 0;
  },
};
