/**
 * Turns scanned frames into what a bundle carries: the manifest, record lines, blobs, and an
 * account of every loss. Pure: the importer feeds it from a file, tests from bytes in memory.
 * Nothing here trusts a record or a blob: records go through ingest, blobs are checked
 * against their name here and against a media record by the importer.
 */
import { FrameScanner, FrameType, FRAME_TYPE_NAMES, framePayload, type Damage, type FrameCodec, type ScanEvent } from './format.ts';
import { bytesToHex, decodeBlobChunk, decodeBlobList, decodeEnd, decodeHexList, decodeLines, decodeSummary, ID_BYTES, PREFIX_BYTES, type Summary } from './payloads.ts';

export interface CollectOptions {
  /** 'skip' reads blob chunks' frames (so damage is still found) without keeping their bytes. */
  blobs: 'assemble' | 'skip';
  /** Largest blob accepted; larger claims are refused before any byte is kept. */
  maxBlobBytes: number;
  /** Called with each blob whose bytes hash to its name. */
  onBlob?: (sha256: string, bytes: Uint8Array) => void;
}

export interface BundleContents {
  /** 'ok', 'damaged', or a version this reader does not know. */
  magic: FrameScanner['magic'];
  summary: Summary | undefined;
  /** Every record id the manifest promised (as far as its frames survived). */
  promisedRecords: Set<string>;
  promisedBlobs: Map<string, number>;
  /** Sorted 16-byte id prefixes (hex) of what the creator held. */
  known: string[];
  /** Record lines, each once, keyed by the id they claim (or the line, when they claim none). */
  lines: Map<string, string>;
  /** Frames seen intact, and the count the end frame gave (undefined: no end frame came). */
  frames: number;
  endFrames: number | undefined;
  /** Stream offset where the end frame ends: what follows is padding. */
  endAt: number | undefined;
  damage: Damage[];
  /** Blobs that could not be taken, by sha256. */
  blobFailures: Map<string, string>;
  /** Blob sha256s whose bytes verified (and were passed to onBlob). */
  blobsVerified: Set<string>;
}

interface Partial {
  total: number;
  parts: Map<number, Uint8Array>;
}

export class BundleCollector {
  readonly contents: BundleContents = {
    magic: undefined,
    summary: undefined,
    promisedRecords: new Set(),
    promisedBlobs: new Map(),
    known: [],
    lines: new Map(),
    frames: 0,
    endFrames: undefined,
    endAt: undefined,
    damage: [],
    blobFailures: new Map(),
    blobsVerified: new Set(),
  };
  readonly #codec: FrameCodec;
  readonly #opts: CollectOptions;
  readonly #partial = new Map<string, Partial>();

  constructor(codec: FrameCodec, opts: CollectOptions) {
    this.#codec = codec;
    this.#opts = opts;
  }

  /** Whether the summary and every part of the manifest it counts arrived. */
  get manifestComplete(): boolean {
    const c = this.contents;
    if (c.summary === undefined) return false;
    return c.promisedRecords.size >= c.summary.records && c.promisedBlobs.size >= c.summary.blobs;
  }

  /** Blobs with some chunks but not all: sha256 -> bytes received, total. */
  incompleteBlobs(): { sha256: string; got: number; total: number }[] {
    return [...this.#partial].map(([sha256, p]) => ({ sha256, got: [...p.parts.values()].reduce((n, b) => n + b.length, 0), total: p.total }));
  }

  add(events: ScanEvent[]): void {
    for (const ev of events) {
      if (ev.kind === 'damage') {
        this.contents.damage.push(ev);
        continue;
      }
      if (ev.type === FrameType.BlobChunk && this.#opts.blobs === 'skip') {
        this.contents.frames++;
        continue;
      }
      try {
        this.#take(ev.type, framePayload(ev, this.#codec));
        this.contents.frames++;
        if (ev.type === FrameType.End) this.contents.endAt = ev.end;
      } catch (e) {
        this.contents.damage.push({ kind: 'damage', offset: ev.offset, end: ev.end, reason: `${FRAME_TYPE_NAMES[ev.type] ?? 'unknown'} frame is intact but malformed: ${(e as Error).message}` });
      }
    }
  }

  #take(type: number, payload: Uint8Array): void {
    const c = this.contents;
    switch (type) {
      case FrameType.Summary:
        c.summary = decodeSummary(payload);
        break;
      case FrameType.RecordIds:
        for (const id of decodeHexList(payload, ID_BYTES)) c.promisedRecords.add(id);
        break;
      case FrameType.BlobList:
        for (const b of decodeBlobList(payload)) c.promisedBlobs.set(b.sha256, b.size);
        break;
      case FrameType.Knowledge:
        c.known.push(...decodeHexList(payload, PREFIX_BYTES));
        break;
      case FrameType.Records:
        for (const line of decodeLines(payload)) {
          const id = claimedId(line) ?? line;
          if (!c.lines.has(id)) c.lines.set(id, line);
        }
        break;
      case FrameType.BlobChunk:
        this.#chunk(payload);
        break;
      case FrameType.End:
        c.endFrames = decodeEnd(payload).frames;
        break;
      default:
        throw new Error(`unknown frame type ${type}`);
    }
  }

  #chunk(payload: Uint8Array): void {
    const chunk = decodeBlobChunk(payload);
    const c = this.contents;
    if (c.blobsVerified.has(chunk.sha256) || c.blobFailures.has(chunk.sha256)) return;
    if (chunk.total > this.#opts.maxBlobBytes) {
      c.blobFailures.set(chunk.sha256, `claims ${chunk.total} bytes, over this node's limit of ${this.#opts.maxBlobBytes}`);
      return;
    }
    let p = this.#partial.get(chunk.sha256);
    if (p === undefined) {
      p = { total: chunk.total, parts: new Map() };
      this.#partial.set(chunk.sha256, p);
    }
    if (p.total !== chunk.total) throw new Error(`blob ${chunk.sha256.slice(0, 12)}: chunks disagree on its size`);
    // A copy: the frame's buffer is shared with the scanner's window.
    if (!p.parts.has(chunk.offset)) p.parts.set(chunk.offset, chunk.bytes.slice());
    const bytes = assemble(p);
    if (bytes === undefined) return;
    this.#partial.delete(chunk.sha256);
    if (bytesToHex(this.#codec.sha256(bytes)) !== chunk.sha256) {
      c.blobFailures.set(chunk.sha256, 'its bytes do not hash to its name');
      return;
    }
    c.blobsVerified.add(chunk.sha256);
    this.#opts.onBlob?.(chunk.sha256, bytes);
  }
}

/** The whole blob once its parts cover it end to end, else undefined. */
function assemble(p: Partial): Uint8Array | undefined {
  const offsets = [...p.parts.keys()].sort((a, b) => a - b);
  let covered = 0;
  for (const o of offsets) {
    if (o > covered) return undefined;
    covered = Math.max(covered, o + p.parts.get(o)!.length);
  }
  if (covered < p.total) return undefined;
  const out = new Uint8Array(p.total);
  for (const o of offsets) out.set(p.parts.get(o)!, o);
  return out;
}

function claimedId(line: string): string | undefined {
  try {
    const v = JSON.parse(line) as { id?: unknown };
    return typeof v.id === 'string' ? v.id : undefined;
  } catch {
    return undefined;
  }
}

/** Reads a whole bundle held in memory (plain, not encrypted). */
export function readBundle(bytes: Uint8Array, codec: FrameCodec, opts: CollectOptions): { contents: BundleContents; collector: BundleCollector } {
  const scanner = new FrameScanner(codec);
  const collector = new BundleCollector(codec, opts);
  collector.add(scanner.push(bytes));
  collector.add(scanner.end());
  collector.contents.magic = scanner.magic;
  // As import does: a header that is not this version's magic is named (its frames are still read and checked).
  if (scanner.magic !== 'ok' && bytes.length > 0) collector.contents.damage.unshift({ kind: 'damage', offset: 0, end: Math.min(8, bytes.length), reason: 'the bundle header is damaged' });
  return { contents: collector.contents, collector };
}
