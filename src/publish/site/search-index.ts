/**
 * The site's search index: Pagefind, fed the record pages from memory (their
 * `data-pagefind-body` part, which includes the folded words), written to `pagefind/`. A query
 * then downloads only the index chunks and fragments it needs.
 */
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { KeruenError } from '../../core/errors.ts';

export interface IndexReport {
  pages: number;
  languages: string[];
}

export async function indexSite(outDir: string, pages: readonly { lang: string; path: string; html: string }[], onProgress?: (p: { done: number; total: number }) => void): Promise<IndexReport> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new KeruenError('io', `search index: ${errors.join('; ')}`);
  try {
    let done = 0;
    for (const p of pages) {
      const r = await index.addHTMLFile({ url: `/${p.lang}/${p.path}`, content: p.html });
      if (r.errors.length > 0) throw new KeruenError('io', `search index: ${p.path}: ${r.errors.join('; ')}`);
      onProgress?.({ done: ++done, total: pages.length });
    }
    const w = await index.writeFiles({ outputPath: join(outDir, 'pagefind') });
    if (w.errors.length > 0) throw new KeruenError('io', `search index: ${w.errors.join('; ')}`);
    return { pages: pages.length, languages: [...new Set(pages.map((p) => p.lang))] };
  } finally {
    await pagefind.close();
  }
}
