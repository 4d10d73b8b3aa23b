// Findings the loader itself produces, before any rule sees the model: encoding, YAML, schema.
// Listed here with their metadata so the rule catalogue and the docs show them like any rule.
import { msg, type Msg } from '../i18n.js';
import type { Finding, Severity } from '../rules/finding.js';
import type { Loc } from '../model/types.js';
import { FORMAT_CITATION } from '../profiles/types.js';


interface FormatRule {
  id: string;
  severity: Severity;
  description: Msg;
}

const define = <T extends Record<string, FormatRule>>(rules: T) => rules;

export const formatRules = define({
  fileTooLarge: { id: 'file-too-large', severity: 'error', description: msg('Tệp quá lớn', 'File too large') },
  encoding: { id: 'encoding-utf8', severity: 'error', description: msg('Tệp không phải UTF-8', 'File is not UTF-8') },
  bom: { id: 'encoding-bom', severity: 'error', description: msg('Tệp có BOM', 'File starts with a BOM') },
  invisible: { id: 'text-invisible-char', severity: 'error', description: msg('Ký tự điều khiển hoặc ký tự vô hình', 'Control or zero-width character') },
  nfc: { id: 'text-nfc', severity: 'error', description: msg('Văn bản chưa chuẩn hoá NFC', 'Text not in Unicode NFC') },
  dLookalike: { id: 'text-d-lookalike', severity: 'error', description: msg('Dùng ð/Ð thay cho đ/Đ', 'ð/Ð used for đ/Đ') },
  yamlSyntax: { id: 'yaml-syntax', severity: 'error', description: msg('Lỗi cú pháp YAML', 'YAML syntax error') },
  duplicateKey: { id: 'yaml-duplicate-key', severity: 'error', description: msg('Khoá YAML bị trùng', 'Duplicate YAML key') },
  yamlTag: { id: 'yaml-tag', severity: 'error', description: msg('Thẻ YAML không được phép (!foo, !!binary…)', 'YAML tag not allowed (!foo, !!binary…)') },
  aliases: { id: 'yaml-alias-limit', severity: 'error', description: msg('Quá nhiều anchor/alias YAML', 'Too many YAML anchors/aliases') },
  schema: { id: 'schema', severity: 'error', description: msg('Sai cấu trúc dữ liệu', 'Does not match the schema') },
  secret: { id: 'no-secrets', severity: 'error', description: msg('Mật khẩu/bí mật trong dữ liệu', 'Password or secret in data') },
  baseDn: { id: 'ldap-base-dn', severity: 'error', description: msg('ldap.baseDN không phải DN hợp lệ', 'ldap.baseDN is not a valid DN') },
  fileName: { id: 'file-name', severity: 'error', description: msg('Tên tệp không khớp id', 'File name does not match id') },
  symlink: { id: 'file-symlink', severity: 'error', description: msg('Symlink trong thư mục tỉnh (không đi theo)', 'Symlink in the province folder (never followed)') },
  fileType: { id: 'file-type', severity: 'error', description: msg('Đường dẫn không phải tệp/thư mục như mong đợi', 'Path is not the expected file or folder') },
  missingFile: { id: 'missing-file', severity: 'error', description: msg('Thiếu tệp bắt buộc', 'Required file missing') },
});

export type FormatRuleKey = keyof typeof formatRules;

export function formatFinding(key: FormatRuleKey, loc: Loc, message: Msg, hint?: Msg): Finding {
  const rule = formatRules[key];
  return { rule: rule.id, severity: rule.severity, file: loc.file, line: loc.line, col: loc.col, message, citation: FORMAT_CITATION, hint };
}
