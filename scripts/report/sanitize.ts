// The one sanitizer every printed line goes through (scripts/cli.ts wraps stdout and stderr
// with it; the GitHub annotations and summary use it too). Directory values are hostile input:
// a name holding ESC sequences would repaint the terminal, and a value holding "\n::warning::"
// would forge a workflow command in a pull request's CI log.
//
// - Control, format and separator characters (ESC, CR, U+202E, U+2028, tag characters…) are
//   replaced by their `\uXXXX` escape: visible to a reader, inert for a terminal, and the same
//   character again for a JSON reader (the escape is valid JSON inside a string).
// - A line that GitHub's runner would take as a workflow command (`::name …::`, legacy
//   `##[name]`, after leading whitespace) has its marker percent-encoded the way GitHub's
//   own command escaping encodes ':' and '#'.
// Tab and newline are kept: they are the output's own layout.

const UNPRINTABLE = /(?![\t\n])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u{E0000}-\u{E007F}]/gu;
const COMMAND_LINE = /^([ \t]*)(::|##\[)/gm;

const hex = (unit: number) => '\\u' + unit.toString(16).toUpperCase().padStart(4, '0');

export function sanitizeOutput(text: string): string {
  return text
    .replace(UNPRINTABLE, (c) => (c.length === 1 ? hex(c.charCodeAt(0)) : hex(c.charCodeAt(0)) + hex(c.charCodeAt(1))))
    .replace(COMMAND_LINE, (_, indent: string, marker: string) => indent + (marker === '::' ? '%3A%3A' : '%23%23['));
}
