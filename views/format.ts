import type { Lang } from '../src/i18n/index.ts';

/** "2026-11-28 09:05" from an ISO time with offset (the API's Shanghai times). */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** Yuan with thousands separators; whole yuan are shown without decimals. */
export function yuan(amount: number, lang: Lang): string {
  const text = amount.toLocaleString(lang === 'en' ? 'en-US' : 'zh-CN', {
    minimumFractionDigits: Number.isInteger(amount) ? 0 : 2,
    maximumFractionDigits: 2,
  });
  return `¥${text}`;
}

export function count(n: number, lang: Lang): string {
  return n.toLocaleString(lang === 'en' ? 'en-US' : 'zh-CN');
}
