/**
 * NIP-49 decryption off the main thread: scrypt at the node's cost (2^16 by default) takes
 * seconds on a phone, and the page must keep saying "Unlocking…" meanwhile. The key bytes are
 * transferred, not copied, so no copy stays behind in this worker.
 */
import { decrypt } from 'nostr-tools/nip49';

interface Request {
  ncryptsec: string;
  passphrase: string;
}

const port = self as unknown as { postMessage(m: unknown, transfer?: Transferable[]): void; onmessage: ((e: MessageEvent<Request>) => void) | null };

port.onmessage = (e) => {
  try {
    const sk = decrypt(e.data.ncryptsec, e.data.passphrase);
    port.postMessage({ ok: true, sk }, [sk.buffer]);
  } catch {
    port.postMessage({ ok: false });
  }
};
