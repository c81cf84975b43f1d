/** Bench helper thread: signs records [from, to) of the sync corpus with libsecp256k1 (WASM). */
import { parentPort, workerData } from 'node:worker_threads';
import { initNostrWasm } from 'nostr-wasm';
import { getEventHash, getPublicKey } from 'nostr-tools/pure';
import { authorKey, plan } from './corpus.ts';

const nostr = await initNostrWasm();
const { from, to } = workerData as { from: number; to: number };
const pubkeys = new Map<number, string>();
const pubkeyOf = (a: number) => pubkeys.get(a) ?? pubkeys.set(a, getPublicKey(authorKey(a))).get(a)!;
/** Ids of referenced records, computed from their templates (no signature needed for an id). */
const ids = new Map<number, string>();
const idOf = (j: number): string => {
  let id = ids.get(j);
  if (id === undefined) {
    const { author, template } = plan(j, idOf);
    id = getEventHash({ ...template, pubkey: pubkeyOf(author) });
    ids.set(j, id);
  }
  return id;
};
const lines: string[] = [];
for (let i = from; i < to; i++) {
  const { author, template } = plan(i, idOf);
  const event = { ...template, id: '', pubkey: '', sig: '' };
  nostr.finalizeEvent(event, authorKey(author));
  lines.push(JSON.stringify({ id: event.id, pubkey: event.pubkey, created_at: event.created_at, kind: event.kind, tags: event.tags, content: event.content, sig: event.sig }));
}
parentPort?.postMessage(lines.join('\n'));
