/**
 * Importing a bundle into a node. Two passes over the file, so memory stays bounded by the
 * records and the largest blob: the first reads the manifest and the records and verifies
 * every record through the same path as `keruen import` (ingestJsonl and its verifier pool);
 * the second reads the blobs, each checked against its name and taken only if a media
 * record in the store (just imported or already here) names it. Everything that verifies is
 * kept, whatever else is damaged, and every loss is named.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { KeruenError } from '../../core/errors.ts';
import { Kind } from '../../core/kinds.ts';
import { ingestJsonl } from '../../store/ingest.ts';
import { fileSha256, provenanceOf, receivingStore } from '../../store/provenance.ts';
import type { EventStore } from '../../store/types.ts';
import type { BlobStore } from '../../node/blobs.ts';
import { PeerKnowledge } from '../peer-knowledge.ts';
import { BundleCollector } from './collect.ts';
import { findSlotKey, fileOffsetOf, SlotOpener, EPHEMERAL_BYTES, SLOT_BYTES } from './crypto.ts';
import { FrameScanner, MAGIC_PREFIX, BUNDLE_VERSION, type Damage } from './format.ts';
import { nodeCodec } from './node-codec.ts';

/** Blobs are put together in memory; larger claims are refused. */
export const DEFAULT_MAX_BUNDLE_BLOB_BYTES = 256 * 1024 * 1024;

export interface ImportOptions {
  /** Secret keys to try on an encrypted bundle; asked for only when the file is one. */
  secretKeys?: () => Promise<{ names: string[]; keys: Uint8Array[] }>;
  maxBlobBytes?: number;
  onProgress?: (phase: 'records' | 'blobs', bytesRead: number, total: number) => void;
}

export interface ImportReport {
  encrypted: boolean;
  creator: string | undefined;
  /** Whether the end frame came and every manifest part with it. */
  complete: boolean;
  manifestComplete: boolean;
  records: {
    promised: number;
    received: number;
    stored: number;
    duplicate: number;
    superseded: number;
    rejected: { id: string; reason: string }[];
    /** Promised by the manifest, never arrived intact. */
    missing: string[];
  };
  blobs: {
    promised: number;
    stored: number;
    duplicate: number;
    rejected: { sha256: string; reason: string }[];
    missing: { sha256: string; reason: string }[];
  };
  damage: { offset: number; end: number; reason: string }[];
  /** Record prefixes learnt about the creator (remembered under its label). */
  learnt: number;
}

interface Source {
  encrypted: boolean;
  key?: Uint8Array;
}

async function readHead(path: string, bytes: number): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const buf = new Uint8Array(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Plain if it starts with the magic or holds an intact frame early on; otherwise sealed. */
async function detect(path: string, opts: ImportOptions): Promise<Source> {
  const head = await readHead(path, EPHEMERAL_BYTES + 4 * SLOT_BYTES);
  if (MAGIC_PREFIX.every((b, i) => head[i] === b)) {
    if (head[MAGIC_PREFIX.length] !== BUNDLE_VERSION) throw KeruenError.usage(`this bundle is format version ${head[MAGIC_PREFIX.length]}; this Keruen reads version ${BUNDLE_VERSION}: update Keruen`);
    return { encrypted: false };
  }
  const probe = new FrameScanner(nodeCodec);
  if ([...probe.push(head), ...probe.end()].some((e) => e.kind === 'frame')) return { encrypted: false };
  if (opts.secretKeys === undefined) throw new KeruenError('not_found', 'this file is not a plain bundle; if it is an encrypted one, a key is needed to open it');
  const { names, keys } = await opts.secretKeys();
  const key = findSlotKey(head, keys);
  for (const k of keys) k.fill(0);
  if (key === undefined) {
    throw new KeruenError('not_found', `no identity on this node opens ${path} (tried: ${names.join(', ') || 'none'}): it was sealed for another key, or it is not a Keruen bundle`);
  }
  return { encrypted: true, key };
}

/** Streams the file through the opener (if sealed) and the scanner into the collector. */
async function pass(path: string, src: Source, collector: BundleCollector, onBytes: (n: number) => void, between?: () => Promise<void>): Promise<Damage[]> {
  const scanner = new FrameScanner(nodeCodec);
  const opener = src.key !== undefined ? new SlotOpener(src.key) : undefined;
  const slotDamage: Damage[] = [];
  let read = 0;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: SLOT_BYTES }) as AsyncIterable<Buffer>) {
      read += chunk.length;
      const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      if (opener === undefined) collector.add(scanner.push(bytes));
      else {
        const { plain, damage } = opener.push(bytes);
        slotDamage.push(...damage);
        for (const p of plain) collector.add(scanner.push(p));
      }
      onBytes(read);
      await between?.();
    }
  } catch (e) {
    throw new KeruenError('io', `cannot read ${path}: ${(e as Error).message}`);
  }
  collector.add(scanner.end());
  collector.contents.magic = scanner.magic;
  if (opener !== undefined) slotDamage.push(...opener.end());
  return slotDamage;
}

const toFile = (d: Damage): Damage => ({ ...d, offset: fileOffsetOf(d.offset), end: d.end > d.offset ? fileOffsetOf(d.end - 1) + 1 : fileOffsetOf(d.end) });

export async function importBundle(store: EventStore, blobs: BlobStore, knowledge: PeerKnowledge, path: string, opts: ImportOptions = {}): Promise<ImportReport> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (e) {
    throw new KeruenError('io', `cannot read ${path}: ${(e as Error).message}`);
  }
  const src = await detect(path, opts);
  const maxBlobBytes = opts.maxBlobBytes ?? DEFAULT_MAX_BUNDLE_BLOB_BYTES;

  // Pass 1: manifest and records.
  const first = new BundleCollector(nodeCodec, { blobs: 'skip', maxBlobBytes });
  const slotDamage = await pass(path, src, first, (n) => opts.onProgress?.('records', n, size));
  const c = first.contents;
  const ids = [...c.lines.keys()];
  const ingest = await ingestJsonl([...c.lines.values()], provenanceOf(store) === undefined ? store : receivingStore(store, `bundle:${await fileSha256(path)}`), {});
  const rejected = ingest.invalid.map((bad) => ({ id: ids[bad.line - 1] ?? '?', reason: bad.reason }));

  // Pass 2: blobs, each taken once its bytes verify and a media record names it.
  const report: ImportReport['blobs'] = { promised: c.promisedBlobs.size, stored: 0, duplicate: 0, rejected: [], missing: [] };
  const ready: [string, Uint8Array][] = [];
  const second = new BundleCollector(nodeCodec, { blobs: 'assemble', maxBlobBytes, onBlob: (sha, bytes) => ready.push([sha, bytes]) });
  const takeReady = async () => {
    for (let next = ready.shift(); next !== undefined; next = ready.shift()) {
      const [sha256, bytes] = next;
      if (store.count([{ kinds: [Kind.MediaDescriptor], '#x': [sha256] }]) === 0) {
        report.rejected.push({ sha256, reason: 'no media record in the bundle or on this node names it' });
      } else if ((await blobs.stat(sha256)) !== undefined) report.duplicate++;
      else {
        await blobs.put(bytes);
        report.stored++;
      }
    }
  };
  await pass(path, src, second, (n) => opts.onProgress?.('blobs', n, size), takeReady);
  await takeReady();
  const s = second.contents;
  for (const [sha256, reason] of s.blobFailures) report.rejected.push({ sha256, reason });
  const incomplete = new Map(second.incompleteBlobs().map((b) => [b.sha256, b]));
  for (const sha256 of c.promisedBlobs.keys()) {
    if (s.blobsVerified.has(sha256) || s.blobFailures.has(sha256)) continue;
    const part = incomplete.get(sha256);
    report.missing.push({ sha256, reason: part === undefined ? 'never came' : `incomplete: ${part.got} of ${part.total} bytes came intact` });
  }
  for (const b of incomplete.values()) {
    if (!c.promisedBlobs.has(b.sha256)) report.missing.push({ sha256: b.sha256, reason: `incomplete: ${b.got} of ${b.total} bytes came intact` });
  }

  // Damage, in file offsets; malformed blob chunks are found only in the second pass.
  const complete = c.endFrames !== undefined;
  // A sealed bundle's last slot is padded with zeros after the end frame: not damage.
  const padding = (d: Damage) => src.encrypted && c.endAt !== undefined && d.offset >= c.endAt;
  const scanned = [...c.damage.filter((d) => !padding(d)), ...s.damage.filter((d) => d.reason.includes('malformed') && d.reason.startsWith('blob chunk'))];
  const damage = [...(src.encrypted ? scanned.map(toFile) : scanned), ...slotDamage.filter((d) => !(complete && d.reason.startsWith('last ')))]
    .sort((a, b) => a.offset - b.offset)
    .map(({ offset, end, reason }) => ({ offset, end, reason }));
  if (c.magic !== 'ok' && !src.encrypted) damage.unshift({ offset: 0, end: 8, reason: 'the bundle header is damaged' });

  let learnt = 0;
  const creator = c.summary?.creator;
  if (creator !== undefined && creator.length > 0 && c.known.length > 0) {
    try {
      learnt = knowledge.add(creator, c.known);
    } catch (e) {
      if (!(e instanceof KeruenError && e.code === 'usage')) throw e;
      // A creator label that is no usable file name: the records are in; nothing is remembered.
    }
  }
  return {
    encrypted: src.encrypted,
    creator,
    complete: complete && first.manifestComplete,
    manifestComplete: first.manifestComplete,
    records: {
      promised: c.promisedRecords.size,
      received: c.lines.size,
      stored: ingest.stored,
      duplicate: ingest.duplicate,
      superseded: ingest.superseded,
      rejected,
      missing: [...c.promisedRecords].filter((id) => !c.lines.has(id)),
    },
    blobs: report,
    damage,
    learnt,
  };
}
