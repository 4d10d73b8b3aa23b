// Load a province folder: every file is decoded, parsed and schema-checked on its own, so a
// broken file yields findings for that file while the rest of the directory is still loaded.
import { lstat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { msg } from '../i18n.js';
import type { Directory } from '../model/types.js';
import type { Finding } from '../rules/finding.js';
import type { Agency } from '../model/types.js';
import { buildAgency, buildAppendix, buildProvince } from './build.js';
import type { ParseCache } from './cache.js';
import { openParsePool, parseWorkers, POOL_AFTER_BYTES, type ParsePool } from './parse-pool.js';
import { fsSource, PathProblem, type FileSource } from './files.js';
import { formatFinding } from './format-rules.js';
import { schemaFindings, type FileKind } from './schema.js';
import { decodeSource } from './source.js';
import { parseYaml, type YamlTree } from './yaml-tree.js';

export interface Loaded {
  dir: Directory;
  findings: Finding[];
  /** Agency ids (from file names) whose files could not be loaded: rules should not report them as missing. */
  unreadableAgencies: Set<string>;
  /** Agency files parsed on the worker pool (the rest were parsed here or taken from the cache). */
  pooled?: number;
}

export interface ParsedFile {
  tree?: YamlTree;
  findings: Finding[];
}

/** Decode, parse and schema-check one file's bytes. */
export function parseFile(kind: FileKind, file: string, bytes: Uint8Array): ParsedFile {
  const source = decodeSource(file, bytes);
  if (source.text === undefined) return { findings: source.findings };
  const parsed = parseYaml(file, source.text);
  const findings = [...source.findings, ...parsed.findings];
  if (!parsed.tree) return { findings };
  const schema = schemaFindings(kind, parsed.tree);
  findings.push(...schema);
  return { tree: schema.length === 0 ? parsed.tree : undefined, findings };
}

/** How agency files are parsed: defaults from parse-pool.ts (tests force the pool on or off). */
export interface LoadOptions {
  /** Worker threads for the parse (0: all in this thread). */
  workers?: number;
  /** Bytes parsed in this thread before the pool starts. */
  poolAfterBytes?: number;
  /** Receives each agency in file order instead of `dir.agencies` (which then stays empty). */
  onAgency?: (agency: Agency) => void;
}

export async function loadDirectory(root: string, cwd = process.cwd(), cache?: ParseCache, options: LoadOptions = {}): Promise<Loaded> {
  const abs = resolve(root);
  const label = relative(cwd, abs) || '.';
  // A province folder that is itself a symlink (directory/x.gov.vn → elsewhere) is not followed either.
  if ((await lstat(abs).catch(() => undefined))?.isSymbolicLink()) {
    return { dir: { root: abs, agencies: [] }, findings: [pathFinding((rel) => `${label}/${rel}`, new PathProblem('.', 'symlink'))], unreadableAgencies: new Set() };
  }
  return loadFromSource(fsSource(abs, label), abs, cache, options);
}

export async function loadFromSource(source: FileSource, root: string, cache?: ParseCache, options: LoadOptions = {}): Promise<Loaded> {
  const findings: Finding[] = [];
  const dir: Directory = { root, agencies: [] };
  const unreadableAgencies = new Set<string>();
  const label = (rel: string) => `${source.label}/${rel}`;

  // A path that is not a plain file is a finding on that path; the rest is still read. null: reported.
  const readOrReport = async (rel: string): Promise<Uint8Array | undefined | null> => {
    try {
      return await source.read(rel);
    } catch (e) {
      if (!(e instanceof PathProblem)) throw e;
      findings.push(pathFinding(label, e));
      return null;
    }
  };

  // The two single files: province.yaml is required, appendix.yaml optional here (the profile
  // decides whether its regulation has an appendix: validate.ts).
  const single = async <T>(kind: 'province' | 'appendix', build: (tree: YamlTree, file: string) => T): Promise<T | undefined> => {
    const file = label(`${kind}.yaml`);
    const bytes = await readOrReport(`${kind}.yaml`);
    if (bytes === null) return undefined;
    if (!bytes) {
      if (kind === 'province') {
        findings.push(
          formatFinding('missingFile', { file, line: 1, col: 1 }, msg('Thiếu tệp province.yaml của tỉnh.', 'The province.yaml file is missing.'), msg('Tạo province.yaml theo mẫu trong README.', 'Create province.yaml from the README example.')),
        );
      }
      return undefined;
    }
    const parsed = parseFile(kind, file, bytes);
    findings.push(...parsed.findings);
    return parsed.tree && build(parsed.tree, file);
  };
  dir.province = await single('province', buildProvince);
  dir.appendix = await single('appendix', buildAppendix);

  let agencyFiles: string[] = [];
  try {
    agencyFiles = await source.listAgencyFiles();
  } catch (e) {
    if (!(e instanceof PathProblem)) throw e;
    findings.push(pathFinding(label, e));
  }
  // Files are read in order; past POOL_AFTER_BYTES parsed here the rest are parsed by a pool of workers,
  // a few files in flight per worker. Results are taken in file order as they come (the model
  // and findings are those of a one-thread run) and not held longer: with `onAgency` a caller
  // streams the agencies without the whole model ever being in memory.
  const results: (Promise<AgencyFileResult> | AgencyFileResult | undefined)[] = [];
  const workers = options.workers ?? parseWorkers();
  const poolAfter = options.poolAfterBytes ?? POOL_AFTER_BYTES;
  let pool: ParsePool | undefined;
  // Only bytes parsed count: a one-file PR whose file comes late must not start a pool (~0.3 s
  // per worker) because the cached files before it add up.
  let bytesParsed = 0;
  let pooled = 0;
  let head = 0;
  const take = async () => {
    const result = await results[head];
    results[head] = undefined;
    const stem = stemOf(agencyFiles[head++]);
    if (!result) {
      unreadableAgencies.add(stem);
      return;
    }
    findings.push(...result.findings);
    if (!result.agency) unreadableAgencies.add(stem);
    else if (options.onAgency) options.onAgency(result.agency);
    else dir.agencies.push(result.agency);
  };
  try {
    for (const rel of agencyFiles) {
      const bytes = await readOrReport(rel);
      if (bytes) {
        const file = label(rel);
        const cached = cache?.lookup(file, bytes);
        if (!cached?.result) bytesParsed += bytes.length;
        if (cached?.result) results.push(cached.result);
        else if (workers > 0 && bytesParsed > poolAfter) {
          pool ??= openParsePool(workers);
          pooled++;
          const job = pool.parse(file, stemOf(rel), bytes).then((r) => (cached && cache!.remember(cached.key, r), r));
          job.catch(() => {}); // awaited in order by take(); not an unhandled rejection meanwhile
          results.push(job);
        } else {
          const r = loadAgencyFile(file, stemOf(rel), bytes);
          if (cached) cache!.remember(cached.key, r);
          results.push(r);
        }
      } else results.push(undefined);
      while (results.length - head > (pool ? 3 * workers : 0)) await take();
    }
    while (head < results.length) await take();
  } finally {
    await pool?.close();
  }
  return { dir, findings, unreadableAgencies, pooled };
}

const stemOf = (rel: string) => rel.replace(/^agencies\//, '').replace(/\.ya?ml$/, '');

function pathFinding(label: (rel: string) => string, p: PathProblem): Finding {
  const where = { file: label(p.relPath), line: 1, col: 1 };
  switch (p.kind) {
    case 'symlink':
      return formatFinding(
        'symlink',
        where,
        msg('Đường dẫn là liên kết tượng trưng (symlink); danh bạ không bao giờ đi theo symlink.', 'The path is a symbolic link; the directory never follows symlinks.'),
        msg('Thay symlink bằng chính tệp (nội dung đặt trong thư mục của tỉnh).', 'Replace the symlink with the file itself, inside the province folder.'),
      );
    case 'not-file':
      return formatFinding('fileType', where, msg('Đường dẫn này phải là một tệp thường, không phải thư mục hay tệp đặc biệt.', 'This path must be a regular file, not a directory or special file.'), msg('Đổi tên hoặc xoá thư mục/tệp đặc biệt này.', 'Rename or remove this directory or special file.'));
    case 'not-directory':
      return formatFinding('fileType', where, msg('Đường dẫn này phải là một thư mục (agencies/ chứa các tệp cơ quan).', 'This path must be a directory (agencies/ holds the agency files).'), msg('Tạo thư mục agencies/ và đặt mỗi cơ quan một tệp trong đó.', 'Make agencies/ a folder with one file per agency.'));
    default:
      return formatFinding('fileType', where, msg(`Không đọc được đường dẫn này (${p.detail}).`, `This path cannot be read (${p.detail}).`), msg('Kiểm tra quyền truy cập tệp.', 'Check the file permissions.'));
  }
}

export interface AgencyFileResult {
  /** Undefined when the file could not be read into the model (its findings say why). */
  agency?: Agency;
  findings: Finding[];
}

/** One agency file → its model and its format findings; pure, so results can be cached by content. */
export function loadAgencyFile(file: string, stem: string, bytes: Uint8Array): AgencyFileResult {
  const parsed = parseFile('agency', file, bytes);
  if (!parsed.tree) return { findings: parsed.findings };
  const agency = buildAgency(parsed.tree, file);
  const findings = [...parsed.findings];
  if (agency.id !== stem) {
    findings.push(
      formatFinding('fileName', agency.at.id ?? agency.at.self, msg(`id "${agency.id}" khác tên tệp "${stem}.yaml".`, `id "${agency.id}" differs from the file name "${stem}.yaml".`), msg(`Đổi tên tệp thành agencies/${agency.id}.yaml hoặc sửa id.`, `Rename the file to agencies/${agency.id}.yaml or fix the id.`)),
    );
  }
  return { agency, findings };
}
