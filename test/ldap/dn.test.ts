import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { childDn, dnDepth, dnEquals, escapeDnValue, formatDn, normalizeDn, parseDn } from '../../scripts/ldap/dn.js';

describe('RFC 4514 DNs', () => {
  it('escapes the special characters, leading/trailing spaces and a leading #', () => {
    expect(escapeDnValue('a,b+c"d\\e<f>g;h=i')).toBe('a\\,b\\+c\\"d\\\\e\\<f\\>g\\;h\\=i');
    expect(escapeDnValue(' x ')).toBe('\\ x\\ ');
    expect(escapeDnValue('#1 # 2')).toBe('\\#1 # 2');
  });

  it('round-trips hostile values through escape and parse', () => {
    const hostile = ['Sở TT&TT, Huế', ' lead', 'trail ', '#hash', 'a+b', 'q"u"o', 'back\\slash', '<>;=', '  ', 'Nguyễn Văn Minh'];
    for (const v of hostile) expect(parseDn(childDn('cn', v, 'dc=vn'))).toEqual([[{ type: 'cn', value: v }], [{ type: 'dc', value: 'vn' }]]);
  });

  it('round-trips any string (property)', () => {
    const value = fc.string({ unit: fc.constantFrom('a', 'ệ', ' ', ',', '+', '"', '\\', '<', '>', ';', '=', '#', 'Đ', '\u0000'), minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 4 }), (values) => {
        const dn = formatDn(values.map((v) => [{ type: 'ou', value: v }]));
        expect(parseDn(dn).map((r) => r[0].value)).toEqual(values);
      }),
    );
  });

  it('decodes the hex escapes servers send back, including UTF-8 sequences', () => {
    expect(parseDn('cn=a\\2Cb\\20,dc=vn')[0][0].value).toBe('a,b ');
    expect(parseDn('o=S\\E1\\BB\\9F,dc=vn')[0][0].value).toBe('Sở');
    expect(dnEquals('cn=A\\2cB,DC=Vn', 'cn=a\\,b,dc=vn')).toBe(true);
    expect(dnEquals('uid=a,dc=vn', 'uid=b,dc=vn')).toBe(false);
  });

  it('parses multi-valued RDNs and compares them in any order', () => {
    expect(parseDn('cn=a+uid=b,dc=vn')[0]).toEqual([{ type: 'cn', value: 'a' }, { type: 'uid', value: 'b' }]);
    expect(normalizeDn('uid=b+cn=a,dc=vn')).toBe(normalizeDn('cn=a+uid=b,dc=vn'));
  });

  it('rejects malformed DNs', () => {
    expect(() => parseDn('novalue')).toThrow();
    expect(() => parseDn('cn=a,')).toThrow();
    expect(() => parseDn('cn=a\\')).toThrow();
  });

  const unit = fc.constantFrom('a', 'ệ', ' ', ',', '+', '"', '\\', '<', '>', ';', '=', '#', 'Đ', '\u0000', '😀');

  it('escapes exactly like the character-by-character rule (the plain-value shortcut changes nothing)', () => {
    const SPECIAL = new Set([',', '+', '"', '\\', '<', '>', ';', '=']);
    const slow = (value: string) =>
      [...value]
        .map((c, i, all) => (SPECIAL.has(c) ? '\\' + c : c === '\0' ? '\\00' : c === ' ' && (i === 0 || i === all.length - 1) ? '\\ ' : c === '#' && i === 0 ? '\\#' : c))
        .join('');
    fc.assert(fc.property(fc.string({ unit, maxLength: 8 }), (v) => {
        expect(escapeDnValue(v)).toBe(slow(v));
      }),
    );
  });

  it('counts RDNs without parsing, as parseDn does, hex escapes and multi-valued RDNs included', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit, minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 2 }), { maxLength: 5 }), (rdns) => {
        const dn = formatDn(rdns.map((values) => values.map((value, i) => ({ type: i ? 'cn' : 'ou', value }))));
        expect(dnDepth(dn)).toBe(parseDn(dn).length);
      }),
    );
    expect(dnDepth('cn=a\\2Cb\\20;dc=x, dc=vn')).toBe(3);
    expect(dnDepth(' ')).toBe(0);
  });
});
