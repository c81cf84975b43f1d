/** Claims in the reader's words: where a claim stands, and its figure. */
import type { ClaimView, Standing } from '../../../core/views/index.ts';
import type { I18n, MessageKey } from '../i18n/index.ts';
import { formatNumber, listOf } from './format.ts';

const EVIDENCE_ORDER = ['testimony', 'event', 'source', 'media', 'status', 'claim', 'person', 'assessment', 'translation', 'unknown'];

/** Where a claim stands, in the reader's words: e.g. "Contradicted by 1 assessment from 1 curator, citing 3 testimonies and 1 event". */
export function standingText(s: Standing, i18n: Pick<I18n, 't' | 'locale'>): string {
  const { t, locale } = i18n;
  let head: string;
  if (s.code === 'supported') head = `${t('standing.supported', { count: s.supporting })} ${t('standing.curators', { count: s.curators })}`;
  else if (s.code === 'contradicted') head = `${t('standing.contradicted', { count: s.contradicting })} ${t('standing.curators', { count: s.curators })}`;
  else if (s.code === 'disputed') head = t('standing.disputed', { pro: s.supporting, con: s.contradicting });
  else return t('standing.unassessed');
  const cited = Object.entries(s.evidence)
    .sort(([a], [b]) => (EVIDENCE_ORDER.indexOf(a) >>> 0) - (EVIDENCE_ORDER.indexOf(b) >>> 0))
    .map(([kind, n]) => t((EVIDENCE_ORDER.includes(kind) ? `count.${kind}` : 'count.unknown') as MessageKey, { count: n }));
  return cited.length > 0 ? `${head}, ${t('standing.citing', { list: listOf(cited, locale) })}` : head;
}

export function figureText(f: NonNullable<ClaimView['figure']>, i18n: Pick<I18n, 't' | 'locale'>): string {
  return `${i18n.t(`qualifier.${f.qualifier ?? 'exactly'}`, { value: formatNumber(f.value, i18n.locale) })} ${f.unit === 'other' ? '' : i18n.t(`unit.${f.unit}`)}`.trim();
}
