/**
 * Writing a bundle from a node: its records (all, some kinds, or only what a peer lacks) and
 * the blobs their media descriptors name that this node holds, into a new file, plain or
 * sealed for one recipient. The file is created exclusively: an existing file is never touched.
 */
import { open, rm, type FileHandle } from 'node:fs/promises';
import { KeruenError } from '../../core/errors.ts';
import { Kind } from '../../core/kinds.ts';
import type { VerifiedEvent } from '../../core/event.ts';
import type { EventStore } from '../../store/types.ts';
import type { BlobStore } from '../../node/blobs.ts';
import { PeerKnowledge, PREFIX_HEX } from '../peer-knowledge.ts';
import { bundleFrames, type BuildProgress, type PlannedBlob, type PlannedRecord } from './build.ts';
import { SlotSealer } from './crypto.ts';
import { nodeCodec } from './node-codec.ts';

export interface CreateOptions {
  kinds?: readonly number[];
  /** Only what this peer is not known to hold; what is sent is then added to its knowledge. */
  forPeer?: string;
  /** Seal for this x-only public key (hex). */
  to?: string;
  /** The creator label carried in the manifest. */
  creator: string;
  onProgress?: (done: BuildProgress, total: { records: number; blobBytes: number }) => void;
}

export interface CreateReport {
  path: string;
  bytes: number;
  records: number;
  blobs: number;
  blobBytes: number;
  /** Records left out because the peer already holds them (with forPeer). */
  leftOut: number;
  /** Media descriptors carried whose blob this node does not hold. */
  blobsNotHeld: number;
  encrypted: boolean;
  /** Records this node holds, whose prefixes the bundle carries as the creator's knowledge. */
  known: number;
}

function xTag(e: VerifiedEvent): string | undefined {
  const x = e.tags.find((t) => t[0] === 'x')?.[1];
  return x !== undefined && /^[0-9a-f]{64}$/.test(x) ? x : undefined;
}

/** Text kinds before media descriptors, small before large. */
function order(records: PlannedRecord[], kindOf: Map<string, number>): PlannedRecord[] {
  const media = (r: PlannedRecord) => (kindOf.get(r.id) === Kind.MediaDescriptor ? 1 : 0);
  return records.sort((a, b) => media(a) - media(b) || a.line.length - b.line.length);
}

async function plannedBlobs(descriptors: VerifiedEvent[], blobs: BlobStore): Promise<{ planned: PlannedBlob[]; notHeld: number }> {
  const planned = new Map<string, PlannedBlob>();
  let notHeld = 0;
  for (const d of descriptors) {
    const sha256 = xTag(d);
    if (sha256 === undefined || planned.has(sha256)) continue;
    const info = await blobs.stat(sha256);
    if (info === undefined) {
      notHeld++;
      continue;
    }
    // read(), not the file: in an encrypted data folder the file holds ciphertext.
    planned.set(sha256, { sha256, size: info.size, read: () => blobs.read(sha256) });
  }
  return { planned: [...planned.values()].sort((a, b) => a.size - b.size), notHeld };
}

export async function createBundle(store: EventStore, blobs: BlobStore, knowledge: PeerKnowledge, path: string, opts: CreateOptions): Promise<CreateReport> {
  const peerHolds = opts.forPeer !== undefined ? knowledge.load(opts.forPeer) : new Set<string>();
  const known: string[] = [];
  const records: PlannedRecord[] = [];
  const kindOf = new Map<string, number>();
  const descriptors: VerifiedEvent[] = [];
  let leftOut = 0;
  for (const e of store.iterate(2000)) {
    known.push(e.id.slice(0, PREFIX_HEX));
    if (opts.kinds !== undefined && !opts.kinds.includes(e.kind)) continue;
    if (peerHolds.has(e.id.slice(0, PREFIX_HEX))) {
      leftOut++;
      continue;
    }
    records.push({ id: e.id, line: JSON.stringify(e) });
    kindOf.set(e.id, e.kind);
    if (e.kind === Kind.MediaDescriptor) descriptors.push(e);
  }
  known.sort();
  const { planned, notHeld } = await plannedBlobs(descriptors, blobs);
  const plan = { creator: opts.creator, created: Math.floor(Date.now() / 1000), records: order(records, kindOf), blobs: planned, known };
  const total = { records: records.length, blobBytes: planned.reduce((n, b) => n + b.size, 0) };

  let file: FileHandle;
  try {
    // 'wx': fails if the file exists, so an earlier bundle (maybe the only copy) survives.
    file = await open(path, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw KeruenError.usage(`${path} already exists: choose another name or remove it first`);
    throw new KeruenError('io', `cannot create ${path}: ${(e as Error).message}`);
  }
  let bytes = 0;
  const write = async (b: Uint8Array) => {
    await file.write(b);
    bytes += b.length;
  };
  try {
    const sealer = opts.to !== undefined ? new SlotSealer(opts.to) : undefined;
    if (sealer !== undefined) await write(sealer.header);
    for await (const frame of bundleFrames(plan, nodeCodec, (p) => opts.onProgress?.(p, total))) {
      if (sealer === undefined) await write(frame);
      else for (const slot of sealer.push(frame)) await write(slot);
    }
    if (sealer !== undefined) for (const slot of sealer.end()) await write(slot);
    await file.sync();
    await file.close();
  } catch (e) {
    await file.close().catch(() => undefined);
    // A half-written bundle is removed: it was ours, made a moment ago.
    await rm(path, { force: true });
    if (e instanceof KeruenError) throw e;
    throw new KeruenError('io', `cannot write ${path}: ${(e as Error).message}`);
  }
  if (opts.forPeer !== undefined) knowledge.add(opts.forPeer, records.map((r) => r.id));
  return { path, bytes, records: records.length, blobs: planned.length, blobBytes: total.blobBytes, leftOut, blobsNotHeld: notHeld, encrypted: opts.to !== undefined, known: known.length };
}
