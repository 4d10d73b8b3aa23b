// The mail system's configuration, generated from a province profile: Postfix (main.cf,
// master.cf and its `ldap:` tables) and Dovecot (dovecot.conf and its LDAP passdb/userdb).
// Pure: the same options give the same files. `mail:up` writes them into .danhba/mail and
// starts the servers (scripts/servers/); `danhba mail-config` writes them for a deployment.
//
// What each server reads from the synced LDAP (attribute names come from ldap/mapping.ts):
//   mailboxes   Postfix virtual_mailbox_maps: mail/mailLocalAddress of danhbaManaged entries
//               whose danhbaState is active or suspended → the maildir path (accepted, delivered)
//   forwards    Postfix virtual_alias_maps: same, danhbaState forwarding → mailRoutingAddress
//   lists       Postfix virtual_alias_maps: the agency list (groupOfNames, Cần Thơ 11.5) found by
//               its address, expanded through `member` to the members' `mail`
//   list-access Postfix recipient restriction: a list address only takes mail from a logged-in
//               sender (submission), never from outside, and only from its managers: the
//               group's `owner` (the agency mailbox, listManagers), asked of the list policy
//               service (mail/list-policy.ts, Cần Thơ Điều 11.5)
//   senders     Postfix smtpd_sender_login_maps: a logged-in user sends only as their own address
//   passdb      Dovecot: the user's DN found by address, the password checked by binding as the
//               user, so ppolicy (suspension lock, pwdMaxIdle, failed-login lockout, pwdReset)
//               decides; never a password hash read by the mail server
//   userdb      Dovecot: the quota from danhbaQuotaMB (absent = unlimited)
// Anything not active, suspended or forwarding (revoked, unknown) is in no map: Postfix answers
// 550 at RCPT time.
import { attr, objectClasses } from '../ldap/mapping.js';

export interface MailPorts {
  /** Inbound SMTP (port 25 in a deployment): no relay, no login. */
  smtp: number;
  /** Submission (587): login required, sender must be the login's own address. */
  submission: number;
  imap: number;
  /** Dovecot LMTP: Postfix hands accepted mail to it. */
  lmtp: number;
  /** The list policy service (mail/list-policy.ts): who may post to an agency list. */
  policy: number;
  /** Dovecot auth service Postfix asks for SMTP logins. */
  auth: number;
}

export interface MailConfigOptions {
  /** Province domain, e.g. thuathienhue.gov.vn. */
  domain: string;
  /**
   * Domains of provinces merged into this one, still in their transition (province.yaml
   * formerDomains): accepted like the province's own, their addresses being aliases and
   * forwards of its mailboxes.
   */
  formerDomains?: string[];
  /** Province base DN (province.yaml `ldap.baseDN`). */
  baseDN: string;
  /** LDAP servers to read, in order of preference (replicas first in a deployment). */
  ldapUrls: string[];
  /** A read-only service account, never the sync account. */
  bindDN: string;
  bindPassword: string;
  /** Largest message in bytes (Huế Điều 14: 20 MB); undefined = Postfix's default (10240000). */
  messageMaxBytes?: number;
  /** Citation of the size limit, written next to it. */
  messageMaxCitation?: string;
  /** Absolute folder the servers run from (config, queue, mail, logs live below it). */
  dir: string;
  ports: MailPorts;
  /** Listen address (127.0.0.1 for the project's own servers). */
  listen?: string;
  /** Certificate and key (PEM files) for a deployment: STARTTLS required for logins. None = loopback only. */
  tls?: { cert: string; key: string };
  /** Dovecot's pause after a failed login (default 2 s, against guessing); tests set 0. */
  authFailureDelaySeconds?: number;
}

export interface ConfigFile {
  /** Relative to the mail folder, e.g. `postfix/main.cf`. */
  path: string;
  content: string;
  /** 0o600 for files that hold the LDAP password. */
  mode: number;
}

/** The local part of the agency list address: `danhsach.<agency mailbox local part>` (danhba policy). */
export const LIST_PREFIX = 'danhsach';

/** Values go into config files unquoted: refuse anything that could end a line or start an expansion. */
function safe(name: string, value: string): string {
  if (/[\r\n\0]/.test(value) || /[$]/.test(value)) throw new Error(`mail config: ${name} contains a newline or "$": ${JSON.stringify(value)}`);
  return value;
}

const states = (...s: string[]) => (s.length === 1 ? `(${attr.state}=${s[0]})` : `(|${s.map((x) => `(${attr.state}=${x})`).join('')})`);
const addressIs = `(|(${attr.mail}=%s)(${attr.aliases}=%s))`;

/** The filters every map uses: also what a deployment's own Postfix/Dovecot should use. */
export const filters = {
  mailbox: `(&(objectClass=${objectClasses.managed})${addressIs}${states('active', 'suspended')})`,
  forward: `(&(objectClass=${objectClasses.managed})${addressIs}${states('forwarding')})`,
  /** An alias of a mailbox, rewritten to its own address (a self-mapping for the address itself ends there). */
  alias: `(&(objectClass=${objectClasses.managed})(${attr.aliases}=%s)${states('active', 'suspended')})`,
  list: `(&(objectClass=${objectClasses.managed})(objectClass=groupOfNames)(${attr.aliases}=%s))`,
  /** Dovecot: %u is the login address; a mailbox whose password was reset must change it first. */
  login: `(&(objectClass=${objectClasses.managed})(${attr.mail}=%u)${states('active', 'suspended', 'forwarding')}(!(pwdReset=TRUE)))`,
  user: `(&(objectClass=${objectClasses.managed})(${attr.mail}=%u)${states('active', 'suspended')})`,
} as const;

/** The province's domain and any merged province's still in transition, for Postfix lists. */
function domains(o: MailConfigOptions): string {
  return [o.domain, ...(o.formerDomains ?? [])].map((d) => safe('domain', d)).join(', ');
}

function ldapTable(o: MailConfigOptions, comment: string, lines: string[]): string {
  return [
    `# Generated by danhba (scripts/mail/config.ts). ${comment}`,
    `server_host = ${o.ldapUrls.map((u) => safe('LDAP URL', u)).join(' ')}`,
    'version = 3',
    `search_base = ${safe('base DN', o.baseDN)}`,
    'scope = sub',
    'bind = yes',
    `bind_dn = ${safe('bind DN', o.bindDN)}`,
    `bind_pw = ${safe('bind password', o.bindPassword)}`,
    // Lookups for other domains never reach the LDAP server.
    `domain = ${domains(o)}`,
    'timeout = 5',
    ...lines,
    '',
  ].join('\n');
}

function mainCf(o: MailConfigOptions): string {
  const d = o.dir;
  const etc = `${d}/postfix`;
  const limit =
    o.messageMaxBytes === undefined
      ? ['# The regulation sets no per-message size: Postfix default.', 'message_size_limit = 10240000']
      : [`# ${o.messageMaxCitation ?? 'per-message size limit'}`, `message_size_limit = ${o.messageMaxBytes}`];
  return [
    '# Generated by danhba (scripts/mail/config.ts) for ' + o.domain,
    'compatibility_level = 3.6',
    `config_directory = ${etc}`,
    `queue_directory = ${d}/spool`,
    `data_directory = ${d}/data`,
    'mail_owner = postfix',
    'setgid_group = postdrop',
    // No syslog here: Postfix's own log service writes the file (both lines are needed).
    `maillog_file = ${d}/log/postfix.log`,
    `maillog_file_prefixes = ${d}/log`,
    `myhostname = mail.${o.domain}`,
    `mydomain = ${o.domain}`,
    'myorigin = $mydomain',
    `inet_interfaces = ${o.listen ?? '127.0.0.1'}`,
    'inet_protocols = ipv4',
    // Not the final destination for anything but the province's virtual domain.
    'mydestination =',
    'local_recipient_maps =',
    'alias_maps =',
    'alias_database =',
    // Nobody is trusted by address, 127.0.0.1 included: relaying needs a login.
    'mynetworks = 127.0.0.255/32',
    'biff = no',
    'smtputf8_enable = no',
    'append_dot_mydomain = no',
    `virtual_mailbox_domains = ${domains(o)}`,
    `virtual_mailbox_maps = ldap:${etc}/ldap-mailboxes.cf`,
    // An alias (a former address, a merged province's old address) is rewritten to the
    // mailbox's own address first: Dovecot knows a mailbox by its mail only.
    `virtual_alias_maps = ldap:${etc}/ldap-forwards.cf, ldap:${etc}/ldap-lists.cf, ldap:${etc}/ldap-aliases.cf`,
    `virtual_transport = lmtp:inet:127.0.0.1:${o.ports.lmtp}`,
    ...limit,
    // Unknown and revoked addresses: 550 at RCPT, never a bounce after acceptance.
    'smtpd_reject_unlisted_recipient = yes',
    'unknown_virtual_mailbox_reject_code = 550',
    'smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination',
    `smtpd_recipient_restrictions = check_recipient_access ldap:${etc}/ldap-list-access.cf`,
    'smtpd_restriction_classes = danhba_list_senders',
    // The policy service refuses anyone but the list's managers; unreachable, it defers (the
    // message waits), never lets through. Without a login, the final reject.
    `danhba_list_senders = check_policy_service { inet:127.0.0.1:${o.ports.policy}, timeout=10s, default_action=DEFER_IF_PERMIT }, permit_sasl_authenticated, reject`,
    'smtpd_sasl_type = dovecot',
    `smtpd_sasl_path = inet:127.0.0.1:${o.ports.auth}`,
    'smtpd_sasl_auth_enable = no',
    `smtpd_sender_login_maps = ldap:${etc}/ldap-senders.cf`,
    'smtpd_banner = $myhostname ESMTP danhba',
    ...(o.tls
      ? [`smtpd_tls_cert_file = ${safe('TLS certificate', o.tls.cert)}`, `smtpd_tls_key_file = ${safe('TLS key', o.tls.key)}`, 'smtpd_tls_security_level = may', 'smtpd_tls_auth_only = yes']
      : ['# Loopback only: no TLS (danhba mail-config --tls-cert/--tls-key for a deployment).']),
    'lmtp_destination_recipient_limit = 50',
    '',
  ].join('\n');
}

/** Debian's master.cf, with our listeners and no chroot (a chroot needs a copied /etc tree). */
function masterCf(o: MailConfigOptions): string {
  const listen = o.listen ?? '127.0.0.1';
  return [
    '# Generated by danhba (scripts/mail/config.ts). service type private unpriv chroot wakeup maxproc command',
    `${listen}:${o.ports.smtp} inet n - n - - smtpd`,
    `${listen}:${o.ports.submission} inet n - n - - smtpd`,
    '  -o syslog_name=postfix/submission',
    '  -o smtpd_sasl_auth_enable=yes',
    // With a certificate, logins only inside TLS; without one (127.0.0.1 only) plaintext.
    ...(o.tls ? ['  -o smtpd_tls_security_level=encrypt', '  -o smtpd_tls_auth_only=yes'] : ['  -o smtpd_tls_security_level=none', '  -o smtpd_tls_auth_only=no']),
    '  -o smtpd_client_restrictions=permit_sasl_authenticated,reject',
    '  -o smtpd_sender_restrictions=reject_sender_login_mismatch',
    '  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject',
    'pickup unix n - n 60 1 pickup',
    'cleanup unix n - n - 0 cleanup',
    'qmgr unix n - n 300 1 qmgr',
    'tlsmgr unix - - n 1000? 1 tlsmgr',
    'rewrite unix - - n - - trivial-rewrite',
    'bounce unix - - n - 0 bounce',
    'defer unix - - n - 0 bounce',
    'trace unix - - n - 0 bounce',
    'verify unix - - n - 1 verify',
    'flush unix n - n 1000? 0 flush',
    'proxymap unix - - n - - proxymap',
    'proxywrite unix - - n - 1 proxymap',
    'smtp unix - - n - - smtp',
    'relay unix - - n - - smtp',
    'showq unix n - n - - showq',
    'error unix - - n - - error',
    'retry unix - - n - - error',
    'discard unix - - n - - discard',
    'local unix - n n - - local',
    'virtual unix - n n - - virtual',
    'lmtp unix - - n - - lmtp',
    'anvil unix - - n - 1 anvil',
    'scache unix - - n - 1 scache',
    'postlog unix-dgram n - n - 1 postlogd',
    '',
  ].join('\n');
}

function dovecotConf(o: MailConfigOptions): string {
  const d = o.dir;
  const listen = o.listen ?? '127.0.0.1';
  return [
    `# Generated by danhba (scripts/mail/config.ts) for ${o.domain}`,
    `base_dir = ${d}/dovecot/run`,
    `instance_name = danhba-${o.ports.imap}`,
    'protocols = imap lmtp',
    `listen = ${listen}`,
    `log_path = ${d}/log/dovecot.log`,
    // With a certificate: TLS required before any login. Without (127.0.0.1 only): plaintext.
    ...(o.tls
      ? ['ssl = required', `ssl_cert = <${safe('TLS certificate', o.tls.cert)}`, `ssl_key = <${safe('TLS key', o.tls.key)}`, 'disable_plaintext_auth = yes']
      : ['ssl = no', 'disable_plaintext_auth = no']),
    'auth_mechanisms = plain login',
    // Tests fail logins on purpose from 127.0.0.1: no pause and no per-IP penalty there.
    ...(o.authFailureDelaySeconds === undefined
      ? []
      : [`auth_failure_delay = ${o.authFailureDelaySeconds} secs`, ...(o.authFailureDelaySeconds === 0 ? ['service anvil {\n  unix_listener anvil-auth-penalty {\n    mode = 0\n  }\n}'] : [])]),
    `mail_location = maildir:${d}/mail/%d/%n`,
    'mail_uid = nobody',
    'mail_gid = nogroup',
    'first_valid_uid = 65534',
    'mail_plugins = $mail_plugins quota',
    'protocol imap {',
    '  mail_plugins = $mail_plugins imap_quota',
    '}',
    'plugin {',
    '  quota = maildir:User quota',
    '}',
    'service imap-login {',
    `  inet_listener imap {\n    address = ${listen}\n    port = ${o.ports.imap}\n  }`,
    '  inet_listener imaps {\n    port = 0\n  }',
    '}',
    'service lmtp {',
    `  inet_listener lmtp {\n    address = 127.0.0.1\n    port = ${o.ports.lmtp}\n  }`,
    '}',
    'service auth {',
    `  inet_listener auth-postfix {\n    address = 127.0.0.1\n    port = ${o.ports.auth}\n  }`,
    '}',
    'passdb {',
    '  driver = ldap',
    `  args = ${d}/dovecot/ldap.conf.ext`,
    '}',
    'userdb {',
    '  driver = ldap',
    `  args = ${d}/dovecot/ldap.conf.ext`,
    '  default_fields = uid=nobody gid=nogroup',
    '}',
    '',
  ].join('\n');
}

function dovecotLdap(o: MailConfigOptions): string {
  return [
    '# Generated by danhba (scripts/mail/config.ts): passdb and userdb of the province directory.',
    `uris = ${o.ldapUrls.map((u) => safe('LDAP URL', u)).join(' ')}`,
    'ldap_version = 3',
    `dn = ${safe('bind DN', o.bindDN)}`,
    `dnpass = ${safe('bind password', o.bindPassword)}`,
    `base = ${safe('base DN', o.baseDN)}`,
    'scope = subtree',
    // The password is checked by binding as the user: the server's ppolicy decides.
    'auth_bind = yes',
    `pass_filter = ${filters.login}`,
    `pass_attrs = ${attr.mail}=user`,
    `user_filter = ${filters.user}`,
    `user_attrs = ${attr.mail}=user, =home=${o.dir}/mail/%d/%n, =quota_rule=*:storage=%{ldap:${attr.quotaMB}:0}M`,
    `iterate_attrs = ${attr.mail}=user`,
    `iterate_filter = (&(objectClass=${objectClasses.managed})(objectClass=inetLocalMailRecipient)${states('active', 'suspended')})`,
    '',
  ].join('\n');
}

/** Every file of the mail system, relative to the mail folder. */
export function mailConfig(o: MailConfigOptions): ConfigFile[] {
  if (!o.ldapUrls.length) throw new Error('mail config: no LDAP server');
  // Passwords cross the network only inside TLS: plaintext listeners are for 127.0.0.1 alone.
  if (!o.tls && (o.listen ?? '127.0.0.1') !== '127.0.0.1') throw new Error(`mail config: listening on ${o.listen} needs a TLS certificate and key`);
  const secret = 0o600;
  return [
    { path: 'postfix/main.cf', content: mainCf(o), mode: 0o644 },
    { path: 'postfix/master.cf', content: masterCf(o), mode: 0o644 },
    {
      path: 'postfix/ldap-mailboxes.cf',
      content: ldapTable(o, 'Valid recipients: active and suspended mailboxes → maildir path.', [`query_filter = ${filters.mailbox}`, `result_attribute = ${attr.mail}`, 'result_format = %d/%u/']),
      mode: secret,
    },
    {
      path: 'postfix/ldap-forwards.cf',
      content: ldapTable(o, 'Forwarding mailboxes (transfer, rename) → the new address.', [`query_filter = ${filters.forward}`, `result_attribute = ${attr.forwardTo}`]),
      mode: secret,
    },
    {
      path: 'postfix/ldap-aliases.cf',
      content: ldapTable(o, 'Aliases of active and suspended mailboxes (mailLocalAddress) → the mailbox address.', [`query_filter = ${filters.alias}`, `result_attribute = ${attr.mail}`]),
      mode: secret,
    },
    {
      path: 'postfix/ldap-lists.cf',
      content: ldapTable(o, 'Agency lists (Cần Thơ Điều 11.5): the group, expanded through member to each member address.', [
        `query_filter = ${filters.list}`,
        `special_result_attribute = ${attr.member}`,
        `result_attribute = ${attr.mail}`,
      ]),
      mode: secret,
    },
    {
      path: 'postfix/ldap-list-access.cf',
      content: ldapTable(o, 'A list address takes mail only from its managers, logged in (restriction class danhba_list_senders).', [
        `query_filter = ${filters.list}`,
        `result_attribute = ${attr.aliases}`,
        'result_format = danhba_list_senders',
      ]),
      mode: secret,
    },
    {
      path: 'postfix/ldap-senders.cf',
      content: ldapTable(o, 'Who may send as an address: its own login (the address itself).', [`query_filter = ${filters.mailbox}`, `result_attribute = ${attr.mail}`]),
      mode: secret,
    },
    { path: 'dovecot/dovecot.conf', content: dovecotConf(o), mode: 0o644 },
    { path: 'dovecot/ldap.conf.ext', content: dovecotLdap(o), mode: secret },
  ];
}
