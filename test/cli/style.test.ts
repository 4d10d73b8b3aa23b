// Colour only for a person at a terminal, added after the sanitizer: never in pipes, CI logs
// or with NO_COLOR set, and never an escape sequence that came from the data.
import { describe, expect, it } from 'vitest';
import { colourEnabled, paintMarks } from '../../scripts/cli/style.js';
import { sanitizeOutput } from '../../scripts/report/sanitize.js';

describe('colour', () => {
  it('is on for a terminal and off for a pipe', () => {
    expect(colourEnabled({ isTTY: true }, {})).toBe(true);
    expect(colourEnabled({ isTTY: false }, {})).toBe(false);
    expect(colourEnabled({}, {})).toBe(false);
  });
  it('respects NO_COLOR, TERM=dumb and FORCE_COLOR', () => {
    expect(colourEnabled({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(colourEnabled({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
    expect(colourEnabled({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
    expect(colourEnabled({ isTTY: false }, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(false);
  });
  it('paints the status mark at the start of a line, only when enabled', () => {
    expect(paintMarks('✓ Huế: 0 lỗi', true)).toBe('\x1b[32m✓\x1b[0m Huế: 0 lỗi');
    expect(paintMarks('  ⚠ x\n✗ y', true)).toBe('  \x1b[33m⚠\x1b[0m x\n\x1b[31m✗\x1b[0m y');
    expect(paintMarks('✓ Huế', false)).toBe('✓ Huế');
    expect(paintMarks('Huế ✓', true)).toBe('Huế ✓');
  });
  it('a sanitized value cannot carry its own escape sequence through', () => {
    const hostile = sanitizeOutput('✓ \x1b[2J\x1b[31mOwned');
    expect(paintMarks(hostile, true)).toBe('\x1b[32m✓\x1b[0m \\u001B[2J\\u001B[31mOwned');
  });
});
