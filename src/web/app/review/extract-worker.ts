/**
 * Assisted extraction off the main thread: a long article takes seconds, and the page must keep
 * showing its progress meanwhile. This worker is its own chunk, so the extractors and the
 * gazetteer load only when someone reviews a document.
 */
import { extractCandidates } from '../../../core/extract/index.ts';
import type { ExtractRequest, ExtractReply } from './extract.ts';

const port = self as unknown as { postMessage(m: ExtractReply): void; onmessage: ((e: MessageEvent<ExtractRequest>) => void) | null };

port.onmessage = (e) => {
  const { text, lang, reference, sourceId } = e.data;
  try {
    const result = extractCandidates(text, {
      lang,
      ...(reference !== undefined ? { reference } : {}),
      sourceId,
      onProgress: (done, total) => port.postMessage({ type: 'progress', done, total }),
    });
    port.postMessage({ type: 'done', result });
  } catch (err) {
    port.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
