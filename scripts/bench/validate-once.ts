// One full validation in a fresh process; prints its peak RSS (for the memory figures).
import { validateProvince } from '../validate.js';

const { findings } = await validateProvince(process.argv[2], { today: '2026-11-25' });
console.log(JSON.stringify({ findings: findings.length, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
