/**
 * Builds the sample archive from the hand-written records in archive.data.ts:
 * resolves symbolic keys to event ids, anchors every quote in its source text,
 * signs with the demo keys and writes archive.jsonl (oldest first) and demo-keys.json.
 *
 *   npm run sample                      # writes next to this file
 *   node --import tsx build.ts <dir>    # writes into <dir> (the tests use a temp dir)
 *
 * Ids are deterministic (keys from fixed strings, created_at from the data), so a rebuild
 * yields the same event ids; signatures are not byte-identical (BIP-340 signing draws fresh
 * auxiliary randomness), and every one of them verifies.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { getPublicKey } from 'nostr-tools/pure';
import * as nip19 from 'nostr-tools/nip19';
import { signEvent, type EventTemplate, type VerifiedEvent } from '../../src/core/event.ts';
import { Kind } from '../../src/core/kinds.ts';
import { buildRecord, validateRecord, type Citation, type Ref } from '../../src/core/records.ts';
import { IDENTITIES, MEDIA, RECORDS, SOURCES, type Author, type Cite, type RecordSpec } from './archive.data.ts';

export const SAMPLE_DIR = fileURLToPath(new URL('.', import.meta.url));

const KIND_OF: Record<RecordSpec['kind'], number> = {
  testimony: Kind.Testimony,
  event: Kind.Event,
  person: Kind.PersonOfConcern,
  status: Kind.PersonStatus,
  claim: Kind.Claim,
  assessment: Kind.Assessment,
  translation: Kind.Translation,
};

export const DEMO_WARNING =
  'DEMO identity of the Keruen sample archive; its secret key is published in samples/kazakhstan-2022-01/demo-keys.json: never use it for real records';

/** A demo identity's secret key: sha256 of a fixed string, so anyone can re-derive (and distrust) it. */
export function demoSecretKey(name: Author): Uint8Array {
  return sha256(utf8ToBytes(`keruen-demo:${name}`));
}

const seconds = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad created time "${iso}"`);
  return Math.floor(ms / 1000);
};

/** Collapses whitespace runs to one space: the form in which quotes are stored and compared. */
export function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * Finds a quote in a source text, allowing any whitespace run (line breaks, the interview's
 * "aug-\nmentation" hyphenation breaks, its broken ligatures "diff érents") wherever the quote
 * has whitespace. A quote found twice must say which occurrence it means (`nth`).
 */
export function anchor(text: string, quote: string, nth: number | undefined, where: string): [number, number] {
  const parts = collapse(quote).split(' ').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const matches = [...text.matchAll(new RegExp(parts.join('\\s+'), 'g'))];
  if (matches.length === 0) throw new Error(`${where}: quote not found in the source: "${quote.slice(0, 80)}..."`);
  if (matches.length > 1 && nth === undefined) throw new Error(`${where}: quote found ${matches.length} times; say which with "nth"`);
  const m = matches[nth ?? 0];
  if (m === undefined) throw new Error(`${where}: quote has no occurrence #${nth}`);
  return [m.index, m.index + m[0].length];
}

/**
 * A testimony's text, from the passage it quotes: whitespace collapsed, the interview's
 * end-of-line hyphenation joined ("aug-\nmentation") and its broken ligatures mended ("diff érents").
 */
export function readableText(slice: string): string {
  return collapse(slice.replace(/(\p{Ll})-\n(?=\p{Ll})/gu, '$1').replace(/(ffi|ffl|ff|fi|fl) (?=\p{Ll})/gu, '$1'));
}

interface Built {
  events: VerifiedEvent[];
  keys: { name: Author; role: string; npub: string; nsec: string; warning: string }[];
}

export function buildArchive(dir: string = SAMPLE_DIR): Built {
  const ids = new Map<string, { id: string; created: number }>();
  const texts = new Map<string, string>();
  const events: VerifiedEvent[] = [];
  const sign = (key: string, author: Author, template: EventTemplate): void => {
    if (ids.has(key)) throw new Error(`${key}: duplicate key`);
    const event = signEvent(template, demoSecretKey(author));
    ids.set(key, { id: event.id, created: event.created_at });
    events.push(event);
  };
  /** Resolves a key, refusing forward references in time: a record cannot cite what did not yet exist. */
  const resolve = (from: string, created: number, to: string): string => {
    const target = ids.get(to);
    if (target === undefined) throw new Error(`${from}: unknown key "${to}"`);
    if (target.created > created) throw new Error(`${from}: references "${to}", which is dated later`);
    return target.id;
  };
  const cite = (from: string, created: number, c: Cite): Citation => {
    const text = texts.get(c.source);
    if (text === undefined) throw new Error(`${from}: "${c.source}" is not a source document`);
    return { source: resolve(from, created, c.source), quote: collapse(c.quote), at: anchor(text, c.quote, c.nth, from) };
  };

  for (const s of SOURCES) {
    const bytes = readFileSync(join(dir, 'sources', s.file));
    const content = { ...s.content, sha256: bytesToHex(sha256(bytes)), size: bytes.length, mime: 'text/plain; charset=utf-8' };
    sign(s.key, s.author, buildRecord(Kind.SourceDocument, content, [], seconds(s.created)));
    texts.set(s.key, new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  }

  // Dependency order: keep passing over the records until every one is built.
  let pending = [...RECORDS];
  while (pending.length > 0) {
    const ready = pending.filter((r) => (r.refs ?? []).every((ref) => ids.has(ref.to)));
    if (ready.length === 0) throw new Error(`unresolvable references in: ${pending.map((r) => r.key).join(', ')}`);
    for (const r of ready) {
      const created = seconds(r.created);
      const refs: Ref[] = (r.refs ?? []).map((ref) => ({ id: resolve(r.key, created, ref.to), role: ref.role }));
      const content: Record<string, unknown> = { ...r.content };
      if ('sources' in r.content && r.content.sources !== undefined) {
        const cites = r.content.sources.map((c) => cite(r.key, created, c));
        content.sources = cites;
        // A testimony's text is its passage, made readable, unless the data says otherwise.
        if (r.kind === 'testimony' && r.content.text === undefined) {
          const first = cites[0];
          if (first === undefined) throw new Error(`${r.key}: a testimony without text needs a citation`);
          content.text = readableText(texts.get(r.content.sources[0]!.source)!.slice(first.at![0], first.at![1]));
        }
      }
      try {
        sign(r.key, r.author, buildRecord(KIND_OF[r.kind], content, refs, created));
      } catch (e) {
        throw new Error(`${r.key}: ${(e as Error).message}`);
      }
    }
    pending = pending.filter((r) => !ready.includes(r));
  }

  // NIP-94 media descriptors (plain-text caption, metadata in tags): built by hand, checked by the core.
  for (const m of MEDIA) {
    const created = seconds(m.created);
    const source = events.find((e) => e.id === resolve(m.key, created, m.source))!;
    const doc = JSON.parse(source.content) as { sha256: string; size: number; mime: string };
    const template: EventTemplate = {
      kind: Kind.MediaDescriptor,
      created_at: created,
      content: m.caption,
      tags: [
        ['x', doc.sha256],
        ['m', doc.mime],
        ['size', String(doc.size)],
        ['alt', m.alt],
        ['redaction', 'original'],
        ['e', source.id, '', 'source'],
      ],
    };
    validateRecord(template);
    sign(m.key, m.author, template);
  }

  const keys: Built['keys'] = [];
  for (const who of IDENTITIES) {
    const sk = demoSecretKey(who.name);
    const about = `${DEMO_WARNING}. ${who.about}`;
    const profile: EventTemplate = {
      kind: Kind.Profile,
      created_at: seconds(who.created),
      tags: [],
      content: JSON.stringify({ name: who.name, about, demo: true }),
    };
    validateRecord(profile);
    sign(`profile:${who.name}`, who.name, profile);
    keys.push({ name: who.name, role: who.role, npub: nip19.npubEncode(getPublicKey(sk)), nsec: nip19.nsecEncode(sk), warning: DEMO_WARNING });
  }

  // Oldest first, as strfry exports; ties broken by id so the order is stable.
  events.sort((a, b) => a.created_at - b.created_at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { events, keys };
}

export function writeArchive(outDir: string): Built {
  const built = buildArchive();
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'archive.jsonl'), built.events.map((e) => JSON.stringify(e)).join('\n') + '\n');
  writeFileSync(join(outDir, 'demo-keys.json'), JSON.stringify(built.keys, null, 2) + '\n');
  return built;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const outDir = process.argv[2] ?? process.env.KERUEN_SAMPLE_OUT ?? SAMPLE_DIR;
  const { events } = writeArchive(outDir);
  const counts = new Map<number, number>();
  for (const e of events) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
  process.stdout.write(`wrote ${events.length} events to ${join(outDir, 'archive.jsonl')}: ${[...counts].map(([k, n]) => `kind ${k}: ${n}`).join(', ')}\n`);
}
