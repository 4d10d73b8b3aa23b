// The README's agency example is documentation people copy: it must stay schema-valid.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../../scripts/load/directory.js';

const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

describe('README data-format example', () => {
  it('is a valid agency file', () => {
    const block = readme.match(/```yaml\n(# yaml-language-server: \$schema=\.\.\/\.\.\/\.\.\/schema\/agency\.schema\.json[\s\S]*?)```/);
    expect(block, 'README has the agency example').not.toBeNull();
    const { tree, findings } = parseFile('agency', 'README.md', Buffer.from(block![1]));
    expect(findings).toEqual([]);
    expect((tree!.value as { staff: unknown[] }).staff.length).toBeGreaterThan(2);
  });
});
