/**
 * A source document's text, fetched from the node's blob store (Blossom: GET /<sha256>) and
 * checked here: its sha256 must be the one the signed record pins, and it must be UTF-8. Offsets
 * of every citation refer to exactly this text, so a text that does not match is shown as an
 * error and never used.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { firstInvalidUtf8 } from '../../../core/utf8.ts';

export type TextProblem =
  | { code: 'missing' }
  | { code: 'unreachable'; reason: string }
  | { code: 'mismatch'; got: string }
  | { code: 'not-utf8'; offset: number }
  | { code: 'not-text'; mime: string };

export class SourceTextError extends Error {
  constructor(readonly problem: TextProblem) {
    super(problem.code);
  }
}

/** Kinds of document the review reads as text; others (a PDF) have no text to cite by offsets. */
export function isTextMime(mime: string): boolean {
  return /^text\/(plain|markdown)(;|$)/i.test(mime.trim());
}

/** The text of these bytes if they are the document the record names; else a SourceTextError. */
export function checkSourceText(bytes: Uint8Array, expectedSha256: string): string {
  const got = bytesToHex(sha256(bytes));
  if (got !== expectedSha256) throw new SourceTextError({ code: 'mismatch', got });
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) throw new SourceTextError({ code: 'not-utf8', offset: bad });
  // Keep a BOM, as Node's Buffer.toString does: dropping it would shift every offset by one.
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

export async function fetchSourceText(doc: { sha256: string; mime: string }, fetcher: typeof fetch = fetch): Promise<string> {
  if (!isTextMime(doc.mime)) throw new SourceTextError({ code: 'not-text', mime: doc.mime });
  let res: Response;
  try {
    res = await fetcher(`/${doc.sha256}`, { cache: 'no-store', credentials: 'same-origin' });
  } catch (e) {
    throw new SourceTextError({ code: 'unreachable', reason: e instanceof Error ? e.message : String(e) });
  }
  if (res.status === 404) throw new SourceTextError({ code: 'missing' });
  if (!res.ok) throw new SourceTextError({ code: 'unreachable', reason: `${res.status} ${res.statusText}` });
  return checkSourceText(new Uint8Array(await res.arrayBuffer()), doc.sha256);
}
