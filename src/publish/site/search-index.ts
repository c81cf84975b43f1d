/**
 * The site's search index: Pagefind, fed the record pages from memory (their
 * `data-pagefind-body` part, which includes the folded words), written to `pagefind/`. A query
 * then downloads only the index chunks and fragments it needs.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { KeruenError } from '../../core/errors.ts';

const IN_FLIGHT = 32;
const UNUSED = ['pagefind-ui.js', 'pagefind-ui.css', 'pagefind-component-ui.js', 'pagefind-component-ui.css', 'pagefind-modular-ui.js', 'pagefind-modular-ui.css', 'pagefind-highlight.js'];

export interface IndexReport {
  pages: number;
  languages: string[];
}

export async function indexSite(outDir: string, pages: readonly { lang: string; path: string; html: string }[], onProgress?: (p: { done: number; total: number }) => void): Promise<IndexReport> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new KeruenError('io', `search index: ${errors.join('; ')}`);
  try {
    // Several pages in flight: each add is a round trip to Pagefind's process.
    let done = 0;
    for (let i = 0; i < pages.length; i += IN_FLIGHT) {
      const batch = pages.slice(i, i + IN_FLIGHT);
      const results = await Promise.all(batch.map((p) => index.addHTMLFile({ url: `/${p.lang}/${p.path}`, content: p.html })));
      results.forEach((r, j) => {
        if (r.errors.length > 0) throw new KeruenError('io', `search index: ${batch[j]?.path}: ${r.errors.join('; ')}`);
      });
      done += batch.length;
      onProgress?.({ done, total: pages.length });
    }
    const w = await index.writeFiles({ outputPath: join(outDir, 'pagefind') });
    if (w.errors.length > 0) throw new KeruenError('io', `search index: ${w.errors.join('; ')}`);
    // Pagefind's ready-made UIs are not used (search.js talks to its API): 430 KB less to carry.
    for (const f of UNUSED) await rm(join(outDir, 'pagefind', f), { force: true });
    return { pages: pages.length, languages: [...new Set(pages.map((p) => p.lang))] };
  } finally {
    await pagefind.close();
  }
}
