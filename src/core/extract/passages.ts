/**
 * An article's passages: its paragraphs (blocks between blank lines), each with an anchor that
 * depends only on the paragraph's number and text, so importing the same text again gives the
 * same anchors, and an edit elsewhere does not move a paragraph's hash.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Passage, Span } from './types.ts';

/** Paragraphs of the text, in order, trimmed of surrounding whitespace; empty ones skipped. */
export function passagesOf(text: string): Passage[] {
  const out: Passage[] = [];
  const breaks = /\n[ \t\r\f\v]*\n\s*/g;
  let start = 0;
  const push = (from: number, to: number) => {
    // Trim without losing offsets.
    while (from < to && /\s/.test(text[from]!)) from++;
    while (to > from && /\s/.test(text[to - 1]!)) to--;
    if (to <= from) return;
    const n = out.length + 1;
    out.push({ id: `p${n}-${bytesToHex(sha256(utf8ToBytes(text.slice(from, to)))).slice(0, 8)}`, n, at: [from, to] });
  };
  for (const m of text.matchAll(breaks)) {
    push(start, m.index);
    start = m.index + m[0].length;
  }
  push(start, text.length);
  return out;
}

/** The passage holding an offset (binary search over passages in order), or undefined between them. */
export function passageAt(passages: readonly Passage[], offset: number): Passage | undefined {
  let lo = 0;
  let hi = passages.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const p = passages[mid]!;
    if (offset < p.at[0]) hi = mid - 1;
    else if (offset >= p.at[1]) lo = mid + 1;
    else return p;
  }
  return undefined;
}

/** Sentences of a passage as spans (ends at . ! ? … followed by space and a capital, a quote or a digit). */
export function sentencesOf(text: string, passage: Span): Span[] {
  const [from, to] = passage;
  const out: Span[] = [];
  const re = /[.!?…]+[»”")\]]*\s+(?=[\p{Lu}«“"(\d—–-])/gu;
  re.lastIndex = from;
  let start = from;
  const slice = text.slice(0, to);
  let m: RegExpExecArray | null;
  while ((m = re.exec(slice)) !== null) {
    const end = m.index + m[0].trimEnd().length;
    if (end > start) out.push([start, end]);
    start = m.index + m[0].length;
  }
  if (to > start) out.push([start, to]);
  return out;
}
