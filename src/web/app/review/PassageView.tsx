/**
 * The paragraph a candidate comes from, with the quoted span set apart and the words the
 * extractors matched marked inside it. Every piece is a slice of the checked text at its exact
 * offsets, so what the reviewer reads is what the record will cite.
 */
import type { Span } from '../../../core/extract/types.ts';

/** Around a long paragraph's quote, this much context each side. */
const CONTEXT = 400;

export interface Segment {
  at: Span;
  marked: boolean;
}

/** The quote cut at every mention boundary; each piece marked when a mention covers it. */
export function segmentsOf(quote: Span, marks: readonly Span[]): Segment[] {
  const [q0, q1] = quote;
  const inside = marks.map(([a, b]): Span => [Math.max(a, q0), Math.min(b, q1)]).filter(([a, b]) => b > a && !(a === q0 && b === q1));
  const cuts = [...new Set([q0, q1, ...inside.flat()])].sort((x, y) => x - y);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const a = cuts[i] as number;
    const b = cuts[i + 1] as number;
    const marked = inside.some(([m0, m1]) => m0 <= a && b <= m1);
    const last = out[out.length - 1];
    if (last !== undefined && last.marked === marked) last.at = [last.at[0], b];
    else out.push({ at: [a, b], marked });
  }
  return out;
}

export function PassageView({ text, passage, quote, marks, lang }: { text: string; passage: Span; quote: Span; marks: readonly Span[]; lang: string }) {
  const start = Math.min(quote[0], Math.max(passage[0], quote[0] - CONTEXT));
  const to = Math.max(quote[1], Math.min(passage[1], quote[1] + CONTEXT));
  return (
    <blockquote class="rv-passage" lang={lang}>
      {start > passage[0] && '… '}
      {text.slice(start, quote[0])}
      <span class="rv-quote" data-at={`${quote[0]}-${quote[1]}`}>
        {segmentsOf(quote, marks).map((s) => (s.marked ? <mark key={s.at[0]}>{text.slice(s.at[0], s.at[1])}</mark> : text.slice(s.at[0], s.at[1])))}
      </span>
      {text.slice(quote[1], to)}
      {to < passage[1] && ' …'}
    </blockquote>
  );
}
