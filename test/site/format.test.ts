// Links built from data: escaping in HTML, mailto subjects that survive any character.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, html } from '../../scripts/site/escape.js';
import { mailtoHref, telHref } from '../../scripts/site/format.js';

describe('html tag', () => {
  it('escapes every interpolated value, keeps nested fragments', () => {
    const name = `<script>alert(1)</script>" onmouseover="x' &`;
    expect(html`<td title="${name}">${name}</td>`.value).toBe(
      '<td title="&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&quot;x&#39; &amp;">&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&quot;x&#39; &amp;</td>',
    );
    expect(html`<p>${html`<b>${'<i>'}</b>`}${[html`<br>`, 'x<']}${undefined}${false}</p>`.value).toBe('<p><b>&lt;i&gt;</b><br>x&lt;</p>');
  });

  it('leaves no markup character unescaped (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(escapeHtml(s)).not.toMatch(/[<>"']|&(?!amp;|lt;|gt;|quot;|#39;)/);
      }),
    );
  });
});

describe('mailto and tel', () => {
  it('keeps any subject intact through URL parsing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1 }), (subject) => {
        const url = new URL(mailtoHref('tiepnhan@thuathienhue.gov.vn', subject));
        expect(url.protocol).toBe('mailto:');
        expect(url.pathname).toBe('tiepnhan@thuathienhue.gov.vn');
        expect([...url.searchParams.keys()]).toEqual(['subject']);
        expect(new URLSearchParams(url.search.replace(/\+/g, '%2B')).get('subject')).toBe((subject as unknown as { toWellFormed(): string }).toWellFormed());
      }),
      { numRuns: 500 },
    );
  });

  it('encodes addresses so a quote cannot end the attribute or add a header', () => {
    expect(mailtoHref('a"b?cc=x@thuathienhue.gov.vn')).toBe('mailto:a%22b%3Fcc%3Dx@thuathienhue.gov.vn');
    expect(telHref('+84 (234) 3822-001')).toBe('tel:+842343822001');
  });
});
