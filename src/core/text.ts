/**
 * Which text of a record is searchable: every human-readable string in its JSON content
 * (or the content itself when it is plain text) and the free-text tags. Identifiers,
 * hashes and timestamps are left out so they do not pollute the index.
 */
import type { NostrEvent } from './event.ts';
import { isHex64 } from './ids.ts';

const TEXT_TAGS = new Set(['title', 'alt', 'summary', 'name', 'subject', 'description']);
const NON_TEXT_KEYS = new Set(['id', 'sha256', 'x', 'ox', 'at', 'mime', 'url', 'from', 'to', 'precision', 'lat', 'lon', 'status', 'verdict', 'lang', 'kind', 'source', 'ref']);
const ISO_LIKE = /^\d{4}(-\d{2}(-\d{2}(T[\d:.+\-Z]+)?)?)?$/;

function collect(value: unknown, out: string[], key?: string): void {
  if (key !== undefined && NON_TEXT_KEYS.has(key)) return;
  if (typeof value === 'string') {
    if (value.length > 0 && !isHex64(value) && !ISO_LIKE.test(value)) out.push(value);
  } else if (Array.isArray(value)) {
    for (const v of value) collect(v, out);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) collect(v, out, k);
  }
}

export function searchableText(event: Pick<NostrEvent, 'content' | 'tags'>): string {
  const parts: string[] = [];
  let parsed: unknown = undefined;
  const c = event.content.trimStart();
  if (c.startsWith('{') || c.startsWith('[')) {
    try {
      parsed = JSON.parse(event.content);
    } catch {
      parsed = undefined;
    }
  }
  if (parsed !== undefined) collect(parsed, parts);
  else if (event.content.length > 0) parts.push(event.content);
  for (const tag of event.tags) {
    if (tag.length >= 2 && TEXT_TAGS.has(tag[0] ?? '')) parts.push(tag[1] ?? '');
  }
  return parts.join('\n');
}
