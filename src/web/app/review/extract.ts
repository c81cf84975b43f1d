/** Runs assisted extraction in a worker (extract-worker.ts) and reports its progress. */
import type { Candidate, ExtractOptions, Mention, Passage } from '../../../core/extract/types.ts';

export interface Extraction {
  passages: Passage[];
  mentions: Mention[];
  candidates: Candidate[];
}

export interface ExtractRequest {
  text: string;
  lang: ExtractOptions['lang'];
  reference?: string;
  sourceId: string;
}

export type ExtractReply = { type: 'progress'; done: number; total: number } | { type: 'done'; result: Extraction } | { type: 'error'; message: string };

const LANGS: readonly string[] = ['fr', 'ru', 'en', 'kk'];

/** The extractors' language for a document's `lang` ("fr-CA" reads as French); others read as English. */
export function extractLang(lang: string): ExtractOptions['lang'] {
  const base = lang.slice(0, 2).toLowerCase();
  return (LANGS.includes(base) ? base : 'en') as ExtractOptions['lang'];
}

/** The ISO day relative dates resolve against: the publication day (a month's first day), as `keruen import-article` reads it. */
export function referenceDay(published: { from: string; precision: string } | undefined): string | undefined {
  if (published === undefined || published.precision === 'year') return undefined;
  const day = published.precision === 'month' ? `${published.from.slice(0, 7)}-01` : published.from.slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : undefined;
}

/** Starts extraction; `cancel` stops the worker (the page was left or another document opened). */
export function runExtraction(req: ExtractRequest, onProgress: (done: number, total: number) => void): { result: Promise<Extraction>; cancel(): void } {
  const worker = new Worker(new URL('./extract-worker.ts', import.meta.url), { type: 'module' });
  let settle: ((e: Error) => void) | undefined;
  const result = new Promise<Extraction>((resolve, reject) => {
    settle = reject;
    worker.onmessage = (e: MessageEvent<ExtractReply>) => {
      const m = e.data;
      if (m.type === 'progress') return onProgress(m.done, m.total);
      worker.terminate();
      if (m.type === 'done') resolve(m.result);
      else reject(new Error(m.message));
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message || 'the extraction stopped'));
    };
  });
  worker.postMessage(req);
  return {
    result,
    cancel: () => {
      worker.terminate();
      settle?.(new Error('cancelled'));
    },
  };
}
