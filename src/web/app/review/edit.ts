/**
 * A candidate as form fields and back: what the reviewer sees and changes, and the record content
 * built from it. Fields the form does not show (lang, the citation in `sources`) are kept as the
 * extraction proposed them, so an accepted record always cites its passage.
 */
import type { Candidate } from '../../../core/extract/types.ts';
import { EVENT_CATEGORIES, FIGURE_UNITS, type Place } from '../../../core/records.ts';
import type { ApproxTime } from '../../../core/time.ts';
import { parseApproxTimeAsync } from '../../../core/parse-time.ts';
import { resolvePlace, toPlace } from '../../../core/gazetteer.ts';

export const QUALIFIERS = ['exactly', 'about', 'at least', 'at most', 'up to'] as const;

export interface EventFields {
  kind: 'event';
  title: string;
  summary: string;
  when: string;
  where: string;
  categories: string[];
}
export interface PersonFields {
  kind: 'person';
  name: string;
  aliases: string;
  role: string;
}
export interface ClaimFields {
  kind: 'claim';
  statement: string;
  claimant: string;
  role: string;
  said: string;
  figureValue: string;
  figureUnit: string;
  figureQualifier: string;
}
export type Fields = EventFields | PersonFields | ClaimFields;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** How a time is written in the form: ISO, a range as "from/to" (what the time parser reads back). */
export function timeText(t: unknown): string {
  if (typeof t !== 'object' || t === null) return '';
  const { from, to } = t as Partial<ApproxTime>;
  if (typeof from !== 'string') return '';
  return typeof to === 'string' && to !== from ? `${from}/${to}` : from;
}

export function fieldsOf(c: Candidate): Fields {
  const x = c.content;
  if (c.kind === 'event') {
    const where = x.where as Place | undefined;
    return { kind: 'event', title: str(x.title), summary: str(x.summary), when: timeText(x.when), where: where?.name ?? '', categories: Array.isArray(x.categories) ? x.categories.filter((k): k is string => typeof k === 'string') : [] };
  }
  if (c.kind === 'person') {
    const aliases = Array.isArray(x.aliases) ? x.aliases.filter((a): a is string => typeof a === 'string') : [];
    return { kind: 'person', name: str(x.name), aliases: aliases.join(', '), role: str(x.role) };
  }
  const claimant = (x.claimant ?? {}) as { name?: unknown; role?: unknown };
  const figure = (x.figure ?? undefined) as { value?: unknown; unit?: unknown; qualifier?: unknown } | undefined;
  return {
    kind: 'claim',
    statement: str(x.statement),
    claimant: str(claimant.name),
    role: str(claimant.role),
    said: timeText(x.said),
    figureValue: typeof figure?.value === 'number' ? String(figure.value) : '',
    figureUnit: str(figure?.unit) || 'other',
    figureQualifier: str(figure?.qualifier),
  };
}

/** The proposed time when its text is unchanged (it keeps the article's words as its label), else the reviewer's. */
async function timeFrom(text: string, proposed: unknown, lang: string, reference: string | undefined): Promise<ApproxTime | undefined> {
  if (text.trim() === '') return undefined;
  if (text.trim() === timeText(proposed)) return proposed as ApproxTime;
  // Words without a year ("le 6 janvier") read against the article's day, not today's.
  return parseApproxTimeAsync(text, { lang, ...(reference !== undefined ? { reference: new Date(`${reference}T12:00:00Z`) } : {}) });
}

/** A place the reviewer typed: with the gazetteer's names and coordinates when it knows the name. */
export function placeFrom(name: string, lang: string): Place {
  const known = resolvePlace({ name });
  return known !== undefined ? { ...toPlace(known, lang), name } : { name };
}

/** "10 000", "10 000", "2,5" → a number; NaN for anything else. */
export function parseFigure(s: string): number {
  const t = s.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : NaN;
}

export class FieldError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

const setOrDrop = (o: Record<string, unknown>, key: string, v: unknown) => {
  if (v === undefined || v === '') delete o[key];
  else o[key] = v;
};

/**
 * The record content: the proposal with the reviewer's fields over it. Validation is the record
 * schema's (buildRecord). `reference` is the article's day (ISO), for times typed in words.
 */
export async function contentFrom(c: Candidate, f: Fields, reference?: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { ...c.content };
  const lang = typeof out.lang === 'string' ? out.lang : 'en';
  const at = async (field: string, text: string, proposed: unknown) => {
    try {
      return await timeFrom(text, proposed, lang, reference);
    } catch (e) {
      throw new FieldError(field, e instanceof Error ? e.message : String(e));
    }
  };
  if (f.kind === 'event') {
    out.title = f.title.trim();
    out.summary = f.summary.trim();
    setOrDrop(out, 'when', await at('when', f.when, c.content.when));
    const proposed = c.content.where as Place | undefined;
    const where = f.where.trim();
    setOrDrop(out, 'where', where === '' ? undefined : where === proposed?.name ? proposed : placeFrom(where, lang));
    out.categories = f.categories.filter((k) => (EVENT_CATEGORIES as readonly string[]).includes(k));
  } else if (f.kind === 'person') {
    const name = f.name.trim();
    out.name = name;
    const aliases = [...new Set(f.aliases.split(/[,;\n]/).map((a) => a.trim()).filter((a) => a !== '' && a !== name))];
    setOrDrop(out, 'aliases', aliases.length > 0 ? aliases : undefined);
    setOrDrop(out, 'role', f.role.trim());
  } else {
    out.statement = f.statement.trim();
    out.claimant = { name: f.claimant.trim(), ...(f.role.trim() !== '' ? { role: f.role.trim() } : {}) };
    setOrDrop(out, 'said', await at('said', f.said, c.content.said));
    if (f.figureValue.trim() === '') delete out.figure;
    else {
      const value = parseFigure(f.figureValue);
      if (Number.isNaN(value)) throw new FieldError('figure', `"${f.figureValue}" is not a number`);
      const unit = (FIGURE_UNITS as readonly string[]).includes(f.figureUnit) ? f.figureUnit : 'other';
      const qualifier = (QUALIFIERS as readonly string[]).includes(f.figureQualifier) ? f.figureQualifier : undefined;
      out.figure = { value, unit, ...(qualifier !== undefined ? { qualifier } : {}) };
    }
  }
  return out;
}
