// User-facing text is Vietnamese first with an English variant; `--lang en` picks the latter.
export type Lang = 'vi' | 'en';

export interface Msg {
  vi: string;
  en: string;
}

export function msg(vi: string, en: string): Msg {
  return { vi, en };
}

export function say(m: Msg, lang: Lang): string {
  return m[lang];
}
