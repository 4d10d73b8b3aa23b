// Colour for people, never for machines: only when the stream is a terminal and NO_COLOR is
// unset (https://no-color.org). Piped output, CI logs and files stay plain text.
//
// Colour is added at the very end, to lines that already went through the output sanitizer
// (report/sanitize.ts escapes every control character, ESC included): commands print plain
// text with their status marks, and only a mark at the start of a line is painted. Data can
// therefore never carry an escape sequence to the terminal.
type Stream = { isTTY?: boolean };

export function colourEnabled(stream: Stream = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

const MARKS: Record<string, number> = { '✓': 32, '✗': 31, '⚠': 33 }; // green, red, yellow

/** A sanitized line with its leading status mark (✓ ✗ ⚠, after indentation) painted when `on`. */
export function paintMarks(line: string, on: boolean): string {
  if (!on) return line;
  return line.replace(/^([ \t]*)([✓✗⚠])/gmu, (_, indent: string, mark: string) => `${indent}\x1b[${MARKS[mark]}m${mark}\x1b[0m`);
}
