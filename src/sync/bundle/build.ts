/**
 * The frames of a bundle, in the order a short window wants them: the manifest first (so even
 * a cut bundle says what it promised), then records (text kinds before media descriptors, small
 * before large, as the plan gives them), then blobs smallest first, then the end frame. The
 * creator's knowledge sits after the records, since it matters only for the next exchange.
 */
import { encodeFrame, FrameType, MAGIC, type FrameCodec } from './format.ts';
import { encodeBlobChunk, encodeBlobList, encodeHexList, encodeJson, encodeLines, ID_BYTES, PREFIX_BYTES, type BlobEntry, type Summary } from './payloads.ts';

/** Uncompressed bytes of records per frame: a damaged frame loses about a hundred records. */
export const RECORDS_PER_FRAME_BYTES = 64 * 1024;
export const BLOB_CHUNK_BYTES = 256 * 1024;
const IDS_PER_FRAME = 16 * 1024;
const PREFIXES_PER_FRAME = 32 * 1024;

export interface PlannedRecord {
  id: string;
  /** The event as one JSON line. */
  line: string;
}

export interface PlannedBlob extends BlobEntry {
  read(): Promise<Uint8Array>;
}

export interface BundlePlan {
  creator: string;
  created: number;
  records: readonly PlannedRecord[];
  blobs: readonly PlannedBlob[];
  /** 16-byte id prefixes (hex) of everything the creator holds, sorted. */
  known: readonly string[];
}

export interface BuildProgress {
  records: number;
  blobBytes: number;
}

function* slices<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** MAGIC, then each frame's bytes. */
export async function* bundleFrames(plan: BundlePlan, codec: FrameCodec, onProgress?: (p: BuildProgress) => void): AsyncGenerator<Uint8Array> {
  yield MAGIC;
  let frames = 0;
  const frame = (type: FrameType, payload: Uint8Array, compress = true) => {
    frames++;
    return encodeFrame(type, payload, codec, compress);
  };
  const summary: Summary = {
    version: 1,
    created: plan.created,
    creator: plan.creator,
    records: plan.records.length,
    blobs: plan.blobs.length,
    blobBytes: plan.blobs.reduce((n, b) => n + b.size, 0),
    known: plan.known.length,
  };
  yield frame(FrameType.Summary, encodeJson(summary));
  // Ids are random bytes: compressing them only costs time.
  for (const ids of slices(plan.records, IDS_PER_FRAME)) yield frame(FrameType.RecordIds, encodeHexList(ids.map((r) => r.id), ID_BYTES), false);
  for (const list of slices(plan.blobs, IDS_PER_FRAME)) yield frame(FrameType.BlobList, encodeBlobList(list), false);

  let batch: string[] = [];
  let batchBytes = 0;
  let done = 0;
  for (const r of plan.records) {
    const size = Buffer.byteLength(r.line) + 1;
    if (batch.length > 0 && batchBytes + size > RECORDS_PER_FRAME_BYTES) {
      yield frame(FrameType.Records, encodeLines(batch));
      done += batch.length;
      onProgress?.({ records: done, blobBytes: 0 });
      batch = [];
      batchBytes = 0;
    }
    batch.push(r.line);
    batchBytes += size;
  }
  if (batch.length > 0) {
    yield frame(FrameType.Records, encodeLines(batch));
    onProgress?.({ records: done + batch.length, blobBytes: 0 });
  }

  for (const prefixes of slices(plan.known, PREFIXES_PER_FRAME)) yield frame(FrameType.Knowledge, encodeHexList(prefixes, PREFIX_BYTES), false);

  let blobBytes = 0;
  for (const b of plan.blobs) {
    const bytes = await b.read();
    if (bytes.length !== b.size) throw new Error(`blob ${b.sha256} changed size while the bundle was written`);
    for (let offset = 0; offset < bytes.length || offset === 0; offset += BLOB_CHUNK_BYTES) {
      yield frame(FrameType.BlobChunk, encodeBlobChunk({ sha256: b.sha256, total: b.size, offset, bytes: bytes.subarray(offset, offset + BLOB_CHUNK_BYTES) }));
      blobBytes += Math.min(BLOB_CHUNK_BYTES, bytes.length - offset);
      onProgress?.({ records: plan.records.length, blobBytes });
      if (bytes.length === 0) break;
    }
  }
  yield frame(FrameType.End, encodeJson({ frames }));
}
