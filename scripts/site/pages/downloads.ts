// The open-data download list shown on the home page and on each agency page.
import { html, type SafeHtml } from '../escape.js';
import { formatBytes } from '../format.js';

export interface Download {
  href: string;
  label: string;
  bytes: number;
}

export function downloadList(items: Download[], rel: string): SafeHtml {
  return html`<ul class="downloads">${items.map((d) => html`<li><a href="${rel}${d.href}" download>${d.label}</a> <span class="size">${formatBytes(d.bytes)}</span></li>`)}</ul>`;
}
