// Benchmark: the naming rules alone on a (generated) province folder. Prints numbers only.
//   npx tsx scripts/names/bench.ts <province folder>
import { performance } from 'node:perf_hooks';
import { loadDirectory } from '../load/directory.js';
import { findProfile } from '../profiles/index.js';
import { runRules } from '../rules/engine.js';
import { namingRules } from '../rules/naming/index.js';

const root = process.argv[2];
if (!root) throw new Error('usage: tsx scripts/names/bench.ts <province folder>');
const t0 = performance.now();
const { dir } = await loadDirectory(root);
const t1 = performance.now();
const profile = findProfile(dir.province!.ruleSet)!;
const ctx = { dir, province: dir.province!, profile, today: '2025-01-01', unreadableAgencies: new Set<string>() };
const findings = runRules(namingRules, ctx);
const t2 = performance.now();
const people = dir.agencies.reduce((n, a) => n + a.staff.length, 0);
console.log(JSON.stringify({ province: profile.id, agencies: dir.agencies.length, people, loadMs: Math.round(t1 - t0), namingRulesMs: Math.round(t2 - t1), findings: findings.length }));
