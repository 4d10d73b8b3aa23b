// Build the site of every province under a directory folder, plus a small index page listing
// them: what `danhba site` and `npm start` publish.
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { provinceRoots } from '../cli/provinces.js';
import type { Finding } from '../rules/finding.js';
import type { Directory } from '../model/types.js';
import { buildProvinceSite, buildSite, type BuildResult } from './build.js';
import { html } from './escape.js';
import { CSP_ATTR } from './pages/layout.js';

export interface BuildAllOptions {
  /** A province folder or a folder of them (default "directory"). */
  directoryRoot?: string;
  /** Output folder (default "dist"). */
  out?: string;
  today?: string;
  /** Only these province folders (absolute or relative paths); default every one found. */
  roots?: string[];
  /** Write `<out>/index.html` listing the sites built (default true; off when building one province into a shared folder). */
  writeIndex?: boolean;
  /** Provinces already loaded (root → model), e.g. by `npm start`'s validation: not parsed again. */
  models?: ReadonlyMap<string, Directory>;
}

export interface BuildAllResult {
  out: string;
  sites: BuildResult[];
  /** Loader findings per province folder (files that failed to load are left out of the site). */
  findings: Finding[];
  /** Province folders whose province.yaml could not be loaded: no site was built. */
  failed: string[];
}

function rootIndex(sites: BuildResult[]): string {
  const items = sites.map((s) => html`<li><a href="${s.domain}/index.html">${s.name}</a> <span class="count">(${s.mailboxes} hộp thư)</span></li>`);
  return `<!doctype html>\n${html`<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP_ATTR}">
<title>Danh bạ thư điện tử công vụ</title>
<link rel="stylesheet" href="assets/site.css">
</head>
<body>
<a class="skip" href="#main">Bỏ qua, đến nội dung chính</a>
<header class="site-header"><div class="wrap"><p>Danh bạ thư điện tử công vụ</p></div></header>
<main id="main" tabindex="-1"><div class="wrap">
<h1>Danh bạ thư điện tử công vụ các tỉnh, thành phố</h1>
<ul class="agency-list">${items}</ul>
</div></main>
</body>
</html>`}\n`;
}

export async function buildAllSites(opts: BuildAllOptions = {}): Promise<BuildAllResult> {
  const out = resolve(opts.out ?? 'dist');
  const roots = opts.roots ?? provinceRoots(opts.directoryRoot ?? 'directory');
  const sites: BuildResult[] = [];
  const findings: Finding[] = [];
  const failed: string[] = [];
  for (const root of roots) {
    const model = opts.models?.get(root);
    const r = model?.province ? { result: await buildSite(model, { out, today: opts.today }), findings: [] } : await buildProvinceSite(root, { out, today: opts.today });
    findings.push(...r.findings);
    if (r.result) sites.push(r.result);
    else failed.push(root);
  }
  if (opts.writeIndex !== false) {
    await mkdir(join(out, 'assets'), { recursive: true });
    await copyFile(join(dirname(fileURLToPath(import.meta.url)), 'assets', 'site.css'), join(out, 'assets', 'site.css'));
    await writeFile(join(out, 'index.html'), rootIndex(sites));
  }
  return { out, sites, findings, failed };
}
