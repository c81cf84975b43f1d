/** Plain-text rendering of records for the terminal. */
import * as nip19 from 'nostr-tools/nip19';
import type { VerifiedEvent } from '../core/event.ts';
import { slugOfKind } from '../core/kinds.ts';
import { parseRecord } from '../core/records.ts';
import { searchableText } from '../core/text.ts';
import type { ApproxTime } from '../core/time.ts';

export function shortId(id: string): string {
  return id.slice(0, 12);
}

export function formatWhen(t: ApproxTime | undefined): string {
  if (t === undefined) return '';
  const range = t.to !== undefined ? `${t.from} – ${t.to}` : t.from;
  return `${t.circa === true ? '~' : ''}${range}${t.label !== undefined ? ` («${t.label}»)` : ''}`;
}

/** The one line that says what a record is. */
export function headline(event: VerifiedEvent): string {
  const r = parseRecord(event);
  if (r === undefined) return oneLine(searchableText(event)) || '(no text)';
  const c = r.content as unknown as Record<string, unknown>;
  switch (r.kind) {
    case 4861:
      return oneLine(r.content.text);
    case 4864:
      return `${r.content.status}${r.content.when ? ` ${formatWhen(r.content.when)}` : ''}${r.content.note ? `: ${oneLine(r.content.note)}` : ''}`;
    case 4865:
      return `${r.content.claimant.name}: «${oneLine(r.content.statement)}»`;
    case 4866:
      return `${r.content.verdict}: ${oneLine(r.content.note)}`;
    case 4867:
      return `${r.content.from}→${r.content.lang}: ${oneLine(Object.values(r.content.fields)[0] ?? '')}`;
    default:
      return oneLine(String(c.title ?? c.name ?? ''));
  }
}

export function oneLine(s: string, max = 100): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function listLine(event: VerifiedEvent): string {
  const kind = (slugOfKind(event.kind) ?? String(event.kind)).padEnd(11);
  const day = new Date(event.created_at * 1000).toISOString().slice(0, 10);
  return `${shortId(event.id)}  ${kind} ${day}  ${headline(event)}`;
}

export function npubOf(pubkey: string): string {
  return nip19.npubEncode(pubkey);
}
