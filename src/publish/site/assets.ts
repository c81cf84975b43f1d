/**
 * The site's only CSS and its two small scripts. The scripts are bundled at publish time by
 * esbuild (which tsx, the runtime, already ships), as classic IIFE scripts so a page opened from
 * a USB stick (file://) still verifies its records.
 */
import { fileURLToPath } from 'node:url';
import anyAscii from 'any-ascii';
import { build, type Plugin } from 'esbuild';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * The letters the search page must fold the same way as the index: Latin with accents,
 * Cyrillic (Kazakh included) and every other letter found in the published records. Everything
 * else folds to nothing, as any-ascii would do to symbols.
 */
export function foldTable(texts: Iterable<string>): Record<string, string> {
  const chars = new Set<string>();
  for (let c = 0x80; c <= 0x24f; c++) chars.add(String.fromCodePoint(c));
  for (let c = 0x400; c <= 0x4ff; c++) chars.add(String.fromCodePoint(c));
  for (const t of texts) for (const ch of t.normalize('NFC')) if (ch.codePointAt(0)! > 0x7f) chars.add(ch);
  const table: Record<string, string> = {};
  for (const ch of chars) {
    const a = anyAscii(ch);
    if (a !== '' && /[\p{L}\p{M}\p{N}]/u.test(ch)) table[ch] = a;
  }
  return table;
}

function anyAsciiShim(table: Record<string, string>): Plugin {
  return {
    name: 'any-ascii-table',
    setup(b) {
      b.onResolve({ filter: /^any-ascii$/ }, () => ({ path: 'any-ascii', namespace: 'fold-table' }));
      b.onLoad({ filter: /.*/, namespace: 'fold-table' }, () => ({
        contents: `import { tableAnyAscii } from ${JSON.stringify(here('./browser/fold-table.ts'))};\nexport default tableAnyAscii(${JSON.stringify(table)});`,
        loader: 'ts',
        resolveDir: here('./browser'),
      }));
    },
  };
}

async function bundle(entry: string, plugins: Plugin[] = []): Promise<string> {
  const r = await build({ entryPoints: [here(entry)], bundle: true, minify: true, format: 'iife', target: 'es2020', platform: 'browser', write: false, plugins, legalComments: 'none' });
  return r.outputFiles[0]!.text;
}

export interface SiteScripts {
  verify: string;
  search: string;
}

export async function buildScripts(texts: Iterable<string>): Promise<SiteScripts> {
  const [verify, search] = await Promise.all([bundle('./browser/verify.ts'), bundle('./browser/search.ts', [anyAsciiShim(foldTable(texts))])]);
  return { verify, search };
}

export const CSS = `:root{--fg:#1b1b1b;--muted:#555;--bg:#fff;--line:#ddd;--accent:#0b57a4;--ok:#116329;--bad:#b00020;--killed:#8b1a1a;--detained:#b26a00}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,sans-serif;color:var(--fg);background:var(--bg)}
header,main,footer{max-width:52rem;margin:0 auto;padding:0 1rem}header{border-bottom:1px solid var(--line);padding-top:.5rem}
.site-name{font-weight:700;font-size:1.2rem;color:inherit;text-decoration:none}nav ul,.langs{list-style:none;padding:0;margin:.3rem 0;display:flex;flex-wrap:wrap;gap:.3rem 1rem}
a{color:var(--accent)}a[aria-current=page]{font-weight:700;color:var(--fg)}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#ff0;padding:.3rem}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.meta,.note,.by{color:var(--muted);font-size:.9rem}.sig{font-size:.85rem;font-weight:700;padding:0 .3rem;border-radius:3px;border:1px solid currentColor}
.sig-ok{color:var(--ok)}.sig-failed{color:var(--bad);background:#fde7ea}.sig-pending{color:var(--muted)}.sig-summary{padding:.3rem .6rem;margin:.5rem 0}
article{border-top:1px solid var(--line);padding:.5rem 0}blockquote{margin:.3rem 0 .3rem 1rem;padding-left:.6rem;border-left:3px solid var(--line)}
pre{white-space:pre-wrap;word-break:break-all;font-size:.8rem;background:#f6f6f6;padding:.5rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}
.day-chart svg,.map svg{width:100%;height:auto}.day-chart .tick line{stroke:var(--line)}.day-chart text{font-size:10px;fill:var(--muted)}
.bar-events{fill:var(--accent);background:var(--accent)}.bar-killed{fill:var(--killed);background:var(--killed)}.bar-detained{fill:var(--detained);background:var(--detained)}
.legend{list-style:none;display:flex;gap:1rem;padding:0}.swatch{display:inline-block;width:.8rem;height:.8rem}
.sea{fill:#eef4f8}.land{fill:#f4f1ea;stroke:#bbb;stroke-width:.5}.land.home{fill:#e9e2d0}.country-label{font-size:11px;fill:#777}.spot{fill:var(--bad);fill-opacity:.6;stroke:#fff}
.status{font-weight:700}.status-killed{color:var(--killed)}.status-detained{color:var(--detained)}
#search-results li{margin-bottom:.5rem}#search-results p{margin:.1rem 0}img{max-width:100%;height:auto}footer{border-top:1px solid var(--line);margin-top:2rem;color:var(--muted);font-size:.85rem}
`;
