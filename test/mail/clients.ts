// Minimal SMTP and IMAP clients over raw sockets: independent of the code under test, enough to
// speak to Postfix and Dovecot the way a mail client does (EHLO/AUTH/MAIL/RCPT/DATA, LOGIN/SELECT/FETCH).
import { connect, type Socket } from 'node:net';

class LineSocket {
  private buffer = '';
  private waiters: (() => void)[] = [];
  private closed = false;
  constructor(readonly socket: Socket) {
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => {
      this.buffer += d;
      this.waiters.splice(0).forEach((w) => w());
    });
    const end = () => {
      this.closed = true;
      this.waiters.splice(0).forEach((w) => w());
    };
    socket.on('close', end);
    socket.on('error', end);
  }
  static open(port: number): Promise<LineSocket> {
    return new Promise((res, rej) => {
      const s = connect({ host: '127.0.0.1', port }, () => res(new LineSocket(s)));
      s.setTimeout(30_000, () => s.destroy(new Error('timeout')));
      s.once('error', rej);
    });
  }
  async line(): Promise<string> {
    for (;;) {
      const i = this.buffer.indexOf('\r\n');
      if (i >= 0) {
        const l = this.buffer.slice(0, i);
        this.buffer = this.buffer.slice(i + 2);
        return l;
      }
      if (this.closed) throw new Error('connection closed');
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }
  write(s: string | Buffer): void {
    this.socket.write(s);
  }
  close(): void {
    this.socket.destroy();
  }
}

export interface Reply {
  code: number;
  text: string;
}

export class Smtp {
  private constructor(private s: LineSocket) {}
  static async open(port: number): Promise<Smtp> {
    const c = new Smtp(await LineSocket.open(port));
    const hello = await c.reply();
    if (hello.code !== 220) throw new Error(`greeting: ${hello.text}`);
    const ehlo = await c.cmd('EHLO client.test');
    if (ehlo.code !== 250) throw new Error(`EHLO: ${ehlo.text}`);
    c.ehlo = ehlo.text;
    return c;
  }
  ehlo = '';
  async reply(): Promise<Reply> {
    const lines: string[] = [];
    for (;;) {
      const l = await this.s.line();
      lines.push(l.slice(4));
      if (l[3] !== '-') return { code: Number(l.slice(0, 3)), text: lines.join('\n') };
    }
  }
  async cmd(c: string): Promise<Reply> {
    this.s.write(c + '\r\n');
    return this.reply();
  }
  async login(user: string, password: string): Promise<Reply> {
    return this.cmd('AUTH PLAIN ' + Buffer.from(`\0${user}\0${password}`).toString('base64'));
  }
  /** MAIL FROM, each RCPT (their replies), and DATA when at least one RCPT was accepted. */
  async send(from: string, to: string[], body: string | Buffer, mailParams = ''): Promise<{ mail: Reply; rcpt: Reply[]; data?: Reply }> {
    const mail = await this.cmd(`MAIL FROM:<${from}>${mailParams}`);
    const rcpt: Reply[] = [];
    if (mail.code !== 250) return { mail, rcpt };
    for (const t of to) rcpt.push(await this.cmd(`RCPT TO:<${t}>`));
    if (!rcpt.some((r) => r.code === 250)) {
      await this.cmd('RSET');
      return { mail, rcpt };
    }
    const go = await this.cmd('DATA');
    if (go.code !== 354) return { mail, rcpt, data: go };
    const text = Buffer.isBuffer(body) ? body : Buffer.from(body.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..'), 'utf8');
    this.s.write(text);
    this.s.write('\r\n.\r\n');
    return { mail, rcpt, data: await this.reply() };
  }
  async quit(): Promise<void> {
    await this.cmd('QUIT').catch(() => undefined);
    this.s.close();
  }
}

export class Imap {
  private tag = 0;
  private constructor(private s: LineSocket) {}
  static async open(port: number): Promise<Imap> {
    const c = new Imap(await LineSocket.open(port));
    const hello = await c.s.line();
    if (!hello.startsWith('* OK')) throw new Error(`greeting: ${hello}`);
    return c;
  }
  /** Untagged lines and the tagged status line (`OK …`, `NO …`, `BAD …`). */
  async cmd(c: string): Promise<{ status: string; lines: string[] }> {
    const tag = `a${++this.tag}`;
    this.s.write(`${tag} ${c}\r\n`);
    const lines: string[] = [];
    for (;;) {
      const l = await this.s.line();
      if (l.startsWith(tag + ' ')) return { status: l.slice(tag.length + 1), lines };
      lines.push(l);
    }
  }
  login(user: string, password: string) {
    const q = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
    return this.cmd(`LOGIN ${q(user)} ${q(password)}`);
  }
  async logout(): Promise<void> {
    await this.cmd('LOGOUT').catch(() => undefined);
    this.s.close();
  }
}

/** Log in and list the Subject lines of the INBOX (or the LOGIN status when it fails). */
export async function inboxSubjects(port: number, user: string, password: string): Promise<{ login: string; subjects: string[] }> {
  const c = await Imap.open(port);
  try {
    const login = await c.login(user, password);
    if (!login.status.startsWith('OK')) return { login: login.status, subjects: [] };
    await c.cmd('SELECT INBOX');
    const r = await c.cmd('FETCH 1:* (BODY.PEEK[HEADER.FIELDS (SUBJECT)])');
    const subjects = r.lines.filter((l) => /^Subject:/i.test(l)).map((l) => l.replace(/^Subject:\s*/i, ''));
    return { login: login.status, subjects };
  } finally {
    await c.logout();
  }
}
