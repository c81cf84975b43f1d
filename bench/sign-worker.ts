/** Bench helper thread: signs a slice of the corpus with libsecp256k1 (WASM) and returns JSON lines. */
import { parentPort, workerData } from 'node:worker_threads';
import { initNostrWasm } from 'nostr-wasm';
import { sha256 } from '@noble/hashes/sha2.js';
import { template } from './corpus.ts';

const nostr = await initNostrWasm();
const { from, to } = workerData as { from: number; to: number };
/** Fixed keys, so the corpus has the same authors every run. */
const keys = new Map<number, Uint8Array>();
const keyOf = (a: number) => keys.get(a) ?? keys.set(a, sha256(new TextEncoder().encode(`keruen-bench-author-${a}`))).get(a)!;
const lines: string[] = [];
for (let i = from; i < to; i++) {
  const { author, template: t } = template(i);
  const event = { ...t, id: '', pubkey: '', sig: '' };
  nostr.finalizeEvent(event, keyOf(author));
  lines.push(JSON.stringify({ id: event.id, pubkey: event.pubkey, created_at: event.created_at, kind: event.kind, tags: event.tags, content: event.content, sig: event.sig }));
}
parentPort?.postMessage(lines.join('\n'));
