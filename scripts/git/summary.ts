// GitHub job summary through @actions/core; outside Actions (no GITHUB_STEP_SUMMARY) the
// Markdown goes to stdout so the same command is useful locally.
import * as core from '@actions/core';

export async function writeJobSummary(markdown: string, stdout: (t: string) => void): Promise<void> {
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(markdown, true).write();
  else stdout(markdown);
}

/** Table cell text: no pipes or line breaks, HTML-escaped. */
export function cell(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
