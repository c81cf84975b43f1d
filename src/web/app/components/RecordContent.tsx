/**
 * A record's content made readable: each field under its label in the reader's language, the
 * values in the record's own language (marked with `lang`), times at their precision, places
 * by name. Fields this page does not know are still shown, as JSON, rather than hidden.
 */
import type { VerifiedEvent } from '../../../core/event.ts';
import type { DomainRecord } from '../../../core/records.ts';
import type { ApproxTime } from '../../../core/time.ts';
import { DICTIONARIES, useI18n, type MessageKey } from '../i18n/index.ts';
import { figureText } from '../explore/claim-text.ts';
import { languageName, placeName } from '../explore/format.ts';
import { StatusBadge } from './StatusBadge.tsx';
import { TimeText } from './TimeText.tsx';
import type { ComponentChildren } from 'preact';

const TEXT_FIELDS = new Set(['title', 'text', 'summary', 'statement', 'note', 'description', 'role', 'publisher', 'name', 'translator']);
const TIME_FIELDS = new Set(['when', 'published', 'said']);

function useLabel(): (field: string) => string {
  const { t } = useI18n();
  return (field) => {
    const key = `field.${field}`;
    return key in DICTIONARIES.en ? t(key as MessageKey) : field;
  };
}

function Value({ field, value, lang }: { field: string; value: unknown; lang: string }): ComponentChildren {
  const i18n = useI18n();
  const { t, locale } = i18n;
  if (TEXT_FIELDS.has(field) && typeof value === 'string') return <span lang={lang} class="pre-line">{value}</span>;
  if (TIME_FIELDS.has(field)) return <TimeText when={value as ApproxTime} lang={lang} />;
  if ((field === 'lang' || field === 'from') && typeof value === 'string') return languageName(value, locale);
  if (field === 'where') return placeName(value as { name: string }, locale);
  if (field === 'status') return <StatusBadge status={value as 'missing'} />;
  if (field === 'verdict') return <span class={`verdict verdict-${String(value)}`}>{t(`verdict.${value as 'supports'}`)}</span>;
  if (field === 'machine') return t(value === true ? 'common.yes' : 'common.no');
  if (field === 'categories') return (value as string[]).map((c) => t(`cat.${c as 'other'}`)).join(', ');
  if (field === 'figure') return figureText(value as { value: number; unit: 'killed' }, i18n);
  if (field === 'url' && typeof value === 'string') return <span class="break">{value}</span>;
  if (field === 'sha256' || field === 'size' || field === 'mime') return <code class="break">{String(value)}</code>;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return <span lang={lang}>{value.join(', ')}</span>;
  if (field === 'claimant') {
    const c = value as { name: string; role?: string };
    return <span lang={lang}>{c.role !== undefined ? `${c.name} (${c.role})` : c.name}</span>;
  }
  if (field === 'witness') {
    const w = value as { description: string; firsthand: boolean; pseudonym?: string };
    return (
      <>
        <span lang={lang}>{w.description}</span>
        {w.pseudonym !== undefined && ` (${t('testimony.pseudonym', { name: w.pseudonym })})`}; {t(w.firsthand ? 'testimony.firsthand' : 'testimony.secondhand')}
      </>
    );
  }
  return <code class="break">{JSON.stringify(value)}</code>;
}

function Fields({ content, lang }: { content: Record<string, unknown>; lang: string }) {
  const label = useLabel();
  return (
    <dl class="fields">
      {Object.entries(content)
        .filter(([k]) => k !== 'sources')
        .flatMap(([k, v]) =>
          k === 'fields'
            ? Object.entries(v as Record<string, string>).map(([f, text]) => (
                <div key={`f-${f}`}>
                  <dt>{label(f)}</dt>
                  <dd>
                    <span class="pre-line" lang={(content.lang as string | undefined) ?? lang}>
                      {text}
                    </span>
                  </dd>
                </div>
              ))
            : [
                <div key={k}>
                  <dt>{label(k)}</dt>
                  <dd>
                    <Value field={k} value={v} lang={lang} />
                  </dd>
                </div>,
              ],
        )}
    </dl>
  );
}

export function RecordContent({ record, event }: { record?: DomainRecord; event: VerifiedEvent }) {
  const label = useLabel();
  if (record) return <Fields content={record.content as Record<string, unknown>} lang={(record.content as { lang?: string }).lang ?? 'und'} />;
  // Media descriptors (NIP-94) and profiles: a caption or profile text, metadata in tags.
  let content: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(event.content);
    if (parsed !== null && typeof parsed === 'object') content = parsed as Record<string, unknown>;
  } catch {
    content = event.content !== '' ? { caption: event.content } : {};
  }
  const tags = event.tags.filter((t) => t[0] !== 'e' && t[0] !== 'p' && t.length >= 2);
  return (
    <>
      <Fields content={content} lang="und" />
      {tags.length > 0 && (
        <dl class="fields">
          {tags.map((t, i) => (
            <div key={i}>
              <dt>{label(t[0] === 'x' ? 'sha256' : t[0] === 'm' ? 'mime' : (t[0] as string))}</dt>
              <dd>
                <code class="break">{t.slice(1).join(' ')}</code>
              </dd>
            </div>
          ))}
        </dl>
      )}
    </>
  );
}
