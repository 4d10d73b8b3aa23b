// Links built from data: escaping in HTML, mailto subjects that survive any character.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, html } from '../../scripts/site/escape.js';
import { breakableAddress, formatNumber, mailtoHref, telHref } from '../../scripts/site/format.js';

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

  it('writes tel: URIs in international form, or local with phone-context', () => {
    expect(telHref('0234 3822 001')).toBe('tel:+842343822001');
    expect(telHref('0084 234 3822 001')).toBe('tel:+842343822001');
    expect(telHref('1022')).toBe('tel:1022;phone-context=+84');
  });

  it('writes numbers with Vietnamese thousands separators and lets addresses wrap at dots and @', () => {
    expect(formatNumber(97541)).toBe('97.541');
    expect(formatNumber(1234567)).toBe('1.234.567');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(97541, 'en')).toBe('97,541');
    expect(breakableAddress('nvminh.stttt@thuathienhue.gov.vn').value).toBe('nvminh.<wbr>stttt<wbr>@thuathienhue.<wbr>gov.<wbr>vn');
    expect(breakableAddress('<b>@x').value).toBe('&lt;b&gt;<wbr>@x');
  });
});
