// Colour only for a person at a terminal: never in pipes, CI logs or with NO_COLOR set.
import { describe, expect, it } from 'vitest';
import { colourEnabled, paint } from '../../scripts/cli/style.js';

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
  it('paints only when enabled', () => {
    expect(paint('ok', '✓', true)).toBe('\x1b[32m✓\x1b[0m');
    expect(paint('ok', '✓', false)).toBe('✓');
  });
});
