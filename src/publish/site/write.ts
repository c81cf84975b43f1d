/**
 * Writes the static site into a folder: every page in every language, the signed events, the
 * CSS and scripts, the search index. Pure rendering lives in the page modules; this one does
 * the files.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { VerifiedEvent } from '../../core/event.ts';
import { ArchiveIndex, buildClaims, buildPeople, buildTimeline } from '../../core/views/index.ts';
import type { Locale } from '../../web/app/i18n/index.ts';
import type { BlobStore } from '../../node/blobs.ts';
import { copyMedia } from './media.ts';
import { linksInOf } from '../../web/app/explore/views.ts';
import { buildScripts, CSS } from './assets.ts';
import { pageContext } from './layout.tsx';
import { claimsPage, dayPages, mapPage, peoplePage, searchPage, timelinePage } from './lists.tsx';
import { recordPage, recordPagePath, recordTexts } from './record.tsx';
import { writeSearchIndex, type IndexReport } from './search-index.ts';

export interface SiteOptions {
  langs: readonly Locale[];
  /** Where the photos are: images named by published descriptors are copied into `media/`. */
  blobs?: BlobStore;
  onProgress?: (p: { done: number; total: number; phase: 'pages' | 'search' }) => void;
}

export interface SiteReport {
  /** HTML files written, every language. */
  pages: number;
  records: number;
  search: IndexReport;
  /** Images copied into `media/`. */
  media: number;
}

export async function writeSite(records: readonly VerifiedEvent[], outDir: string, opts: SiteOptions): Promise<SiteReport> {
  let written = 0;
  const put = async (path: string, data: string): Promise<void> => {
    if (path.endsWith('.html')) written++;
    const full = join(outDir, path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, data);
  };
  const ix = new ArchiveIndex(records);
  const timeline = buildTimeline(ix);
  const people = buildPeople(ix);
  const claims = buildClaims(ix);
  const published = new Set(records.map((e) => e.id));
  const linksIn = linksInOf(ix);

  const media = opts.blobs ? await copyMedia(records, opts.blobs, outDir) : new Map<string, string>();
  const scripts = await buildScripts(records.flatMap(recordTexts));
  await put('style.css', CSS);
  await put('verify.js', scripts.verify);
  await put('search.js', scripts.search);
  for (const e of records) await put(`records/${e.id}.json`, `${JSON.stringify(e)}\n`);

  const total = opts.langs.length * (records.length + timeline.days.length + 5);
  let done = 0;
  const tick = () => {
    done++;
    opts.onProgress?.({ done, total, phase: 'pages' });
  };
  for (const locale of opts.langs) {
    const base = { locale, langs: opts.langs, ix, published, media };
    const top = pageContext(base, 1);
    const deep = pageContext(base, 2);
    await put(`${locale}/index.html`, timelinePage(top, timeline));
    for (const d of timeline.days) {
      if (d.events.length > 0) for (const p of dayPages(deep, d)) await put(`${locale}/${p.path}`, p.html);
      tick();
    }
    await put(`${locale}/map.html`, mapPage(top, timeline));
    await put(`${locale}/people.html`, peoplePage(top, people));
    await put(`${locale}/claims.html`, claimsPage(top, claims));
    await put(`${locale}/search.html`, searchPage(top));
    for (let i = 0; i < 5; i++) tick();
    for (const e of records) {
      await put(`${locale}/${recordPagePath(e.id)}`, recordPage(deep, e, linksIn.get(e.id) ?? []));
      tick();
    }
  }
  await put('index.html', rootPage(opts.langs));
  // One index for every language: the words are the records' own; each search page shows the
  // results with its language's labels.
  const search = await writeSearchIndex(outDir, records, ix, opts.langs.length);
  opts.onProgress?.({ done: 1, total: 1, phase: 'search' });
  return { pages: written, records: records.length, search, media: media.size };
}

/** The entry page: links to each language (no script, no redirect a reader cannot see). */
function rootPage(langs: readonly Locale[]): string {
  const names: Record<Locale, string> = { en: 'English', fr: 'Français', ru: 'Русский', kk: 'Қазақша' };
  const links = langs.map((l) => `<li><a href="${l}/index.html" hreflang="${l}" lang="${l}">${names[l]}</a></li>`).join('');
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Keruen</title><link rel="stylesheet" href="style.css"></head><body><main id="main"><h1>Keruen</h1><ul class="langs">${links}</ul></main></body></html>\n`;
}
