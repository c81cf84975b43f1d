/**
 * The chain-of-custody report: for each record, what anyone can check again (its id is the
 * sha256 of its serialization, its signature, its author's key), what the record itself claims
 * (created_at is the author's word), what this node alone witnessed (when and from where it
 * received the record: store/provenance.ts), the hashes of the documents and media it rests on,
 * and every transformation the records state (EXIF removal on media, translations, corrections).
 * Pure: the data comes in, HTML goes out; printing to PDF is in ./pdf.ts.
 */
import { getEventHash } from 'nostr-tools/pure';
import * as nip19 from 'nostr-tools/nip19';
import { nobleVerifier, type VerifiedEvent } from '../core/event.ts';
import { Kind, slugOfKind } from '../core/kinds.ts';
import type { Receipt } from '../store/provenance.ts';

export interface CustodyHash {
  /** What the hash is of: "source document", "media (shared copy)", "media (original, kept apart)". */
  what: string;
  sha256: string;
  /** The record that states the hash. */
  statedBy: string;
  /** For media: whether this node holds the blob (undefined when not asked). */
  held?: boolean;
  note?: string;
}

export interface CustodyTransformation {
  what: string;
  /** The record that states it. */
  record: string;
  detail: string;
}

export interface CustodyItem {
  id: string;
  kind: number;
  kindName: string;
  /** sha256 of the NIP-01 serialization, computed again here. */
  computedId: string;
  idMatches: boolean;
  signature: string;
  signatureValid: boolean;
  pubkey: string;
  npub: string;
  authorName?: string;
  /** As claimed by the author (Unix seconds). */
  createdAt: number;
  receipt?: Receipt;
  hashes: CustodyHash[];
  transformations: CustodyTransformation[];
}

export interface CustodyInput {
  /** The records the report is about. */
  items: readonly VerifiedEvent[];
  /** Every record the node holds (to find sources, media, translations and corrections). */
  all: readonly VerifiedEvent[];
  receiptOf: (id: string) => Receipt | undefined;
  /** Whether the node holds a blob (media). */
  blobHeld?: (sha256: string) => boolean;
}

const tag = (e: VerifiedEvent, name: string) => e.tags.find((t) => t[0] === name)?.[1];
/** `e` tags of a record with a given role (4th element, Keruen's convention). */
const refs = (e: VerifiedEvent, role: string) => e.tags.filter((t) => t[0] === 'e' && t[3] === role && typeof t[1] === 'string').map((t) => t[1] as string);
const eRefs = (e: VerifiedEvent) => e.tags.filter((t) => t[0] === 'e' && typeof t[1] === 'string').map((t) => t[1] as string);

function contentOf(e: VerifiedEvent): Record<string, unknown> {
  try {
    const c: unknown = JSON.parse(e.content);
    return c !== null && typeof c === 'object' && !Array.isArray(c) ? (c as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const HEX64 = /^[0-9a-f]{64}$/;

function check(e: VerifiedEvent): { computedId: string; idMatches: boolean; signatureValid: boolean } {
  let computedId = '';
  try {
    computedId = getEventHash(e);
  } catch {
    // a record too broken to serialize: shown as not matching
  }
  const idMatches = computedId === e.id;
  let signatureValid = false;
  try {
    signatureValid = idMatches && nobleVerifier({ ...e });
  } catch {
    signatureValid = false;
  }
  return { computedId, idMatches, signatureValid };
}

function npubOf(pubkey: string): string {
  try {
    return nip19.npubEncode(pubkey);
  } catch {
    return `(not a key: ${pubkey})`;
  }
}

export function buildCustody(input: CustodyInput): CustodyItem[] {
  const byId = new Map<string, VerifiedEvent>(input.all.map((e) => [e.id, e]));
  const names = new Map<string, string>();
  const pointingAt = new Map<string, VerifiedEvent[]>();
  for (const e of input.all) {
    if (e.kind === Kind.Profile) {
      const c = contentOf(e);
      const name = typeof c.display_name === 'string' ? c.display_name : typeof c.name === 'string' ? c.name : undefined;
      if (name !== undefined) names.set(e.pubkey, name);
    }
    for (const id of new Set(eRefs(e))) pointingAt.set(id, [...(pointingAt.get(id) ?? []), e]);
  }

  const mediaHashes = (m: VerifiedEvent): CustodyHash[] => {
    const out: CustodyHash[] = [];
    const x = tag(m, 'x');
    if (x !== undefined) {
      const held = input.blobHeld?.(x);
      out.push({ what: `media (${tag(m, 'redaction') === 'original' ? 'as published' : 'shared copy'}${tag(m, 'm') !== undefined ? `, ${tag(m, 'm')}` : ''})`, sha256: x, statedBy: m.id, ...(held !== undefined ? { held } : {}) });
    }
    const ox = tag(m, 'ox');
    if (ox !== undefined) out.push({ what: 'media original (kept apart, never shared)', sha256: ox, statedBy: m.id });
    return out;
  };
  const sourceHash = (sourceId: string): CustodyHash => {
    const src = byId.get(sourceId);
    const sha = src !== undefined ? contentOf(src).sha256 : undefined;
    return typeof sha === 'string' && HEX64.test(sha)
      ? { what: `source document "${String(contentOf(src!).title ?? '')}"`, sha256: sha, statedBy: sourceId }
      : { what: 'source document (record not on this node)', sha256: '', statedBy: sourceId, note: 'hash unknown here' };
  };

  return input.items.map((e) => {
    const hashes: CustodyHash[] = [];
    const transformations: CustodyTransformation[] = [];
    const c = contentOf(e);
    if (e.kind === Kind.SourceDocument && typeof c.sha256 === 'string') hashes.push({ what: `source document "${String(c.title ?? '')}" (this record)`, sha256: c.sha256, statedBy: e.id });
    const cited = new Set<string>(refs(e, 'source'));
    if (Array.isArray(c.sources)) for (const s of c.sources as { source?: unknown }[]) if (typeof s?.source === 'string') cited.add(s.source);
    for (const id of cited) hashes.push(sourceHash(id));
    if (e.kind === Kind.MediaDescriptor) {
      hashes.push(...mediaHashes(e));
      const redaction = tag(e, 'redaction');
      if (redaction !== undefined) {
        transformations.push({
          what: redaction === 'original' ? 'media published as is' : 'metadata removed from the shared copy',
          record: e.id,
          detail: `redaction: ${redaction}${tag(e, 'ox') !== undefined ? `; original's sha256 ${tag(e, 'ox')} (kept apart)` : '; original not kept or its hash not disclosed'}`,
        });
      }
    }
    // Media descriptors, translations and corrections that point at this record.
    for (const other of pointingAt.get(e.id) ?? []) {
      if (other.kind === Kind.MediaDescriptor) {
        hashes.push(...mediaHashes(other));
        const redaction = tag(other, 'redaction');
        if (redaction !== undefined) transformations.push({ what: 'attached media', record: other.id, detail: `redaction: ${redaction}${tag(other, 'ox') !== undefined ? `; original's sha256 ${tag(other, 'ox')}` : ''}` });
      }
      if (other.kind === Kind.Translation && refs(other, 'translates').includes(e.id)) {
        const t = contentOf(other);
        const tr = typeof t.translator === 'string' ? ` by ${t.translator}` : '';
        transformations.push({ what: 'translation', record: other.id, detail: `${String(t.from ?? '?')} → ${String(t.lang ?? '?')}${t.machine === true ? ', machine' : ''}${tr}; signed by ${npubOf(other.pubkey)}` });
      }
      if (refs(other, 'corrects').includes(e.id)) {
        transformations.push({ what: other.pubkey === e.pubkey ? 'corrected by its author' : 'correction claimed by another key (not applied)', record: other.id, detail: `at ${iso(other.created_at)} (as claimed)` });
      }
    }
    for (const old of refs(e, 'corrects')) transformations.push({ what: 'corrects an earlier record', record: old, detail: byId.has(old) ? '' : 'earlier record not on this node' });
    if (e.kind === Kind.Translation) for (const of of refs(e, 'translates')) transformations.push({ what: 'translation of', record: of, detail: `${String(c.from ?? '?')} → ${String(c.lang ?? '?')}` });
    const receipt = input.receiptOf(e.id);
    return {
      id: e.id,
      kind: e.kind,
      kindName: slugOfKind(e.kind) ?? `kind ${e.kind}`,
      ...check(e),
      signature: e.sig,
      pubkey: e.pubkey,
      npub: npubOf(e.pubkey),
      ...(names.has(e.pubkey) ? { authorName: names.get(e.pubkey) as string } : {}),
      createdAt: e.created_at,
      ...(receipt !== undefined ? { receipt } : {}),
      hashes: dedupe(hashes),
      transformations,
    };
  });
}

function dedupe(hashes: CustodyHash[]): CustodyHash[] {
  const seen = new Set<string>();
  return hashes.filter((h) => {
    const k = `${h.sha256}|${h.statedBy}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function iso(seconds: number): string {
  const d = new Date(seconds * 1000);
  return Number.isNaN(d.getTime()) ? String(seconds) : d.toISOString().replace('.000Z', 'Z');
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => ESC[ch] as string);

/** What `via` means, in words. */
export function describeVia(via: string): string {
  const [kind, ...rest] = via.split(':');
  const what = rest.join(':');
  switch (kind) {
    case 'local':
      return 'made and signed on this node';
    case 'import':
      return `imported from a JSONL file, sha256 ${what}`;
    case 'bundle':
      return `imported from a bundle file, sha256 ${what}`;
    case 'sync':
      return `pulled by a sync from ${what}`;
    case 'relay':
      return `published to this node's relay by ${what}`;
    default:
      return via;
  }
}

const CSS = `
@page { size: A4; margin: 14mm 12mm; }
body { font: 10pt/1.35 "DejaVu Sans", "Noto Sans", Arial, sans-serif; color: #111; margin: 0; }
h1 { font-size: 15pt; margin: 0 0 4pt; }
.meta, .note { color: #333; font-size: 9pt; }
section.item { border: 1px solid #999; padding: 6pt 8pt; margin: 8pt 0; break-inside: avoid; page-break-inside: avoid; }
section.item h2 { font-size: 11pt; margin: 0 0 4pt; }
dl { margin: 0; display: grid; grid-template-columns: 34mm 1fr; gap: 1pt 6pt; }
dt { font-weight: bold; font-size: 8.5pt; }
dd { margin: 0; font-size: 8.5pt; }
code { font: 7.6pt "DejaVu Sans Mono", "Noto Sans Mono", monospace; white-space: nowrap; }
.ok { color: #0a5c1f; font-weight: bold; }
.bad { color: #a00000; font-weight: bold; }
ul { margin: 0; padding-left: 12pt; }
li { margin: 0 0 2pt; }
@media screen { body { max-width: 190mm; margin: 1em auto; padding: 0 1em; } }
`;

export interface CustodyMeta {
  /** When the report was made (ISO). */
  generatedAt: string;
  /** The node that made it (its key, if it has one) and what was asked. */
  node?: string;
  selection: string;
}

function hashLine(h: CustodyHash): string {
  const held = h.held === undefined ? '' : h.held ? ' · blob held on this node' : ' · blob not on this node';
  const value = h.sha256 !== '' ? `<code>${escapeHtml(h.sha256)}</code>` : `<em>${escapeHtml(h.note ?? 'unknown')}</em>`;
  return `<li>${escapeHtml(h.what)}${escapeHtml(held)}<br>sha256 ${value}<br><span class="note">stated by record</span> <code>${escapeHtml(h.statedBy)}</code></li>`;
}

function itemHtml(it: CustodyItem, n: number): string {
  const verdict = it.idMatches && it.signatureValid ? '<span class="ok">valid</span>' : `<span class="bad">${it.idMatches ? 'signature does not verify' : 'id does not match the content'}</span>`;
  const receipt = it.receipt !== undefined ? `${escapeHtml(iso(it.receipt.receivedAt))} (this node's clock): ${escapeHtml(describeVia(it.receipt.via))}` : '<em>not recorded</em> (received before this node kept provenance)';
  const transformations = it.transformations.length > 0 ? `<ul>${it.transformations.map((t) => `<li>${escapeHtml(t.what)}${t.detail !== '' ? `: ${escapeHtml(t.detail)}` : ''}<br><span class="note">record</span> <code>${escapeHtml(t.record)}</code></li>`).join('')}</ul>` : 'none recorded';
  return `<section class="item" id="r-${escapeHtml(it.id)}">
<h2>${n}. ${escapeHtml(it.kindName)} (kind ${it.kind})</h2>
<dl>
<dt>Event id</dt><dd><code>${escapeHtml(it.id)}</code></dd>
${it.idMatches ? '' : `<dt>Computed id</dt><dd><code>${escapeHtml(it.computedId)}</code></dd>`}
<dt>Signature</dt><dd><code>${escapeHtml(it.signature.slice(0, 64))}</code><br><code>${escapeHtml(it.signature.slice(64))}</code><br>${verdict} (BIP-340 over the id)</dd>
<dt>Author key</dt><dd><code>${escapeHtml(it.npub)}</code>${it.authorName !== undefined ? `<br>profile name: ${escapeHtml(it.authorName)} (self-declared)` : ''}</dd>
<dt>Created at</dt><dd>${escapeHtml(iso(it.createdAt))} (as claimed by the author)</dd>
<dt>Received</dt><dd>${receipt}</dd>
<dt>Hashes</dt><dd>${it.hashes.length > 0 ? `<ul>${it.hashes.map(hashLine).join('')}</ul>` : 'none'}</dd>
<dt>Transformations</dt><dd>${transformations}</dd>
</dl>
</section>`;
}

/** The report as one self-contained HTML page (no script, no outside resource), printable. */
export function custodyHtml(items: readonly CustodyItem[], meta: CustodyMeta): string {
  const bad = items.filter((i) => !(i.idMatches && i.signatureValid)).length;
  const unrecorded = items.filter((i) => i.receipt === undefined).length;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Keruen chain-of-custody report</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${CSS}</style></head>
<body>
<h1>Chain-of-custody report</h1>
<p class="meta">Made ${escapeHtml(meta.generatedAt)} by Keruen${meta.node !== undefined ? ` on node ${escapeHtml(meta.node)}` : ''}. Records: ${items.length} (${escapeHtml(meta.selection)}); ${items.length - bad} verify, ${bad} do not; receipt not recorded for ${unrecorded}.</p>
<p class="note">What this proves: each event id is the sha256 of the record's serialization (NIP-01), and a valid signature shows that the holder of the author key signed exactly that record; the hashes pin the documents and media it rests on. What it does not prove: that the author is who their profile says, that created_at is true (it is the author's word), or that the content is true. The receipt times and origins are this node's own log, not signed by anyone else.</p>
${items.map((it, i) => itemHtml(it, i + 1)).join('\n')}
</body></html>
`;
}
