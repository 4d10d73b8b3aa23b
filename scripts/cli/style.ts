// Colour for people, never for machines: only when the stream is a terminal and NO_COLOR is
// unset (https://no-color.org). Piped output, CI logs and files stay plain text.
type Stream = { isTTY?: boolean };

const CODES = { ok: 32, error: 31, warn: 33, dim: 2, bold: 1 } as const;
export type Tone = keyof typeof CODES;

export function colourEnabled(stream: Stream = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/** `text` wrapped in the tone's SGR code when colour is on; `text` unchanged otherwise. */
export function paint(tone: Tone, text: string, on = colourEnabled()): string {
  return on ? `\x1b[${CODES[tone]}m${text}\x1b[0m` : text;
}
