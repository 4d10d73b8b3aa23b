// The comment-keeping status writer and the notice's escaping, on small texts.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fenced, mdInline, toEml, type Notice } from '../../scripts/audit/notice.js';
import { setStatus } from '../../scripts/audit/status-writer.js';
import { lastLoginOf, generalizedTimeToVietnamDate } from '../../scripts/audit/last-login.js';

const S = { state: 'suspended' as const, from: '2026-12-01', reason: 'Không đăng nhập 6 tháng (lần cuối 2025-01-01)', reference: 'Ninh Bình Quy chế 2020 Điều 7.1; danhba audit 2026-12-01' };
const FILE = `# đầu tệp
id: stttt
name: Sở   # giữ nguyên
mailbox: stttt@ninhbinh.gov.vn
units:
  - id: vp
    name: Văn phòng
    mailbox: vp.stttt@ninhbinh.gov.vn # Điều 5.1.c
staff:
  - id: a
    name: A
    mailbox: a.stttt@ninhbinh.gov.vn # chú thích cuối dòng
  # chú thích giữa hai người
  - id: b
    name: B
    mailbox: b.stttt@ninhbinh.gov.vn
    status: { state: suspended, from: 2026-01-01,
      reason: x, reference: y }   # cũ
  - { id: c, name: C, mailbox: c.stttt@ninhbinh.gov.vn }
`;

describe('setStatus', () => {
  it('adds a status block after the last key, keeping every other line', () => {
    const out = setStatus(FILE, { kind: 'person', id: 'a' }, S);
    expect(out).toBe(FILE.replace('# chú thích cuối dòng\n', `# chú thích cuối dòng\n    status:\n      state: suspended\n      from: 2026-12-01\n      reason: ${S.reason}\n      reference: ${S.reference}\n`));
  });

  it('replaces an existing (flow, multi-line) status in place', () => {
    const out = setStatus(FILE, { kind: 'person', id: 'b' }, { ...S, state: 'revoked' });
    expect(out).toContain('    mailbox: b.stttt@ninhbinh.gov.vn\n    status:\n      state: revoked\n');
    expect(out).not.toContain('reason: x');
    expect(out.split('\n').filter((l) => !/^\s+(status|state|from|reason|reference):/.test(l))).toEqual(FILE.split('\n').filter((l) => !l.includes('status: {') && !l.includes('reason: x')));
  });

  it('writes units, the agency (before its lists) and flow entries, and the result parses to the status', () => {
    let out = setStatus(FILE, { kind: 'unit', id: 'vp' }, S);
    out = setStatus(out, { kind: 'agency' }, S);
    out = setStatus(out, { kind: 'person', id: 'c' }, S);
    const doc = parse(out);
    expect(doc.status).toEqual(S);
    expect(doc.units[0].status).toEqual(S);
    expect(doc.staff[2].status).toEqual(S);
    expect(out.indexOf('status:')).toBeLessThan(out.indexOf('units:'));
    expect(out).toContain('# chú thích giữa hai người');
    expect(() => setStatus(FILE, { kind: 'person', id: 'zz' }, S)).toThrow(/no person with id "zz"/);
  });
});

describe('notice escaping and login times', () => {
  const notice: Notice = { agency: {} as never, from: 'stttt@ninhbinh.gov.vn', to: 'x@ninhbinh.gov.vn', subject: 'Thông báo\r\nBcc: evil@example.com', body: 'a\n~~~\n<script>' };
  it('keeps header values on one line (no injected Bcc) and encodes them', () => {
    const eml = toEml(notice, new Date(0));
    const headers = eml.split('\r\n\r\n')[0].split('\r\n');
    expect(headers.some((h) => h.startsWith('Bcc'))).toBe(false);
    expect(headers.find((h) => h.startsWith('Subject:'))).toMatch(/^Subject: =\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=$/);
    expect(() => toEml({ ...notice, to: 'a@b\r\nBcc: c@d' })).toThrow(/not a plain address/);
  });
  it('fences text so it cannot close the fence; escapes inline Markdown and HTML', () => {
    const f = fenced('x\n~~~~\n# y');
    expect(f.split('\n').filter((l) => l.startsWith('~~~'))).toHaveLength(2);
    expect(mdInline('<img src=x> @team [a](b)')).toBe('&lt;img src=x&gt; \\@team \\[a\\]\\(b\\)');
  });
  it('reads GeneralizedTime in Vietnam time; a login wins over the creation', () => {
    expect(generalizedTimeToVietnamDate('20261231170000Z')).toBe('2027-01-01');
    expect(generalizedTimeToVietnamDate('20261231165959.123Z')).toBe('2026-12-31');
    expect(generalizedTimeToVietnamDate('garbage')).toBeUndefined();
    expect(lastLoginOf('20260601000000Z', '20250101000000Z')).toEqual({ date: '2026-06-01', source: 'pwdLastSuccess' });
    expect(lastLoginOf(undefined, '20250101000000Z')).toEqual({ date: '2025-01-01', source: 'createTimestamp' });
  });
});
