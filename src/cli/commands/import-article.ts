/**
 * `keruen import-article FILE`: an article (text, HTML, Markdown) becomes a signed source
 * document whose hash pins its plain text; extraction then proposes candidates, printed with
 * where to review them. Nothing but the source document (and its two blobs) is saved.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Command, Option } from 'commander';
import { KeruenError } from '../../core/errors.ts';
import { signEvent, type EventTemplate, type VerifiedEvent } from '../../core/event.ts';
import { MENTION_TYPES, type Candidate, type Mention } from '../../core/extract/types.ts';
import { parseApproxTime, prepareTimeParsing } from '../../core/parse-time.ts';
import type { ArticleMeta, ImportedArticle } from '../../import/article.ts';
import { MAX_ARTICLE_BYTES, type ArticleFormat } from '../../import/limits.ts';
import { readPassphrase } from '../passphrase.ts';
import { progressBar } from '../progress.ts';
import type { CliContext } from '../context.ts';

interface Opts {
  title?: string;
  publisher?: string;
  author?: string[];
  url?: string;
  published?: string;
  lang?: string;
  format?: ArticleFormat;
  as?: string;
  passphraseFile?: string;
  nodeUrl: string;
  json?: boolean;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

function readArticle(path: string): Uint8Array {
  try {
    // Checked before reading, so a huge file is refused without filling memory.
    const size = statSync(path).size;
    if (size > MAX_ARTICLE_BYTES) throw KeruenError.tooLarge(path, size, MAX_ARTICLE_BYTES);
    return readFileSync(path);
  } catch (e) {
    if (e instanceof KeruenError) throw e;
    throw new KeruenError('io', `cannot read ${path}: ${(e as Error).message}`);
  }
}

function countBy<T>(items: readonly T[], key: (t: T) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const i of items) out.set(key(i), (out.get(key(i)) ?? 0) + 1);
  return out;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function summary(r: ImportedArticle, reviewUrl: string): string {
  const kinds = countBy(r.candidates, (c: Candidate) => c.kind);
  const types = countBy(r.mentions, (m: Mention) => m.type);
  const anchors = r.passages.slice(0, 5).map((p) => p.id);
  const kb = (new TextEncoder().encode(r.text).length / 1024).toFixed(1);
  return [
    r.existing ? `Already imported: ${r.source.id} (a source document for this exact text exists; nothing new signed)` : `Imported: ${r.source.id}`,
    `  text: ${kb} KB from ${r.format}, language ${r.lang}`,
    `  passages: ${r.passages.length}${anchors.length > 0 ? ` (${anchors.join(', ')}${r.passages.length > anchors.length ? ', ...' : ''})` : ''}`,
    `  candidates: ${r.candidates.length} (${['event', 'person', 'claim'].map((k) => `${kinds.get(k) ?? 0} ${k}`).join(', ')})`,
    `  mentions: ${r.mentions.length} (${MENTION_TYPES.map((t) => `${types.get(t) ?? 0} ${t}`).join(', ')})`,
    `Review them: ${reviewUrl}`,
    `Only the source document was saved; ${plural(r.candidates.length, 'candidate')} wait there for a person to accept, edit or reject.`,
  ].join('\n');
}

export function importArticleCommand(getContext: () => CliContext): Command {
  return new Command('import-article')
    .description('import an article (text, HTML or Markdown) as a signed source document, and propose candidate records from it for review')
    .argument('<file>', 'the article: .txt, .html/.htm or .md (else the format is read from the text)')
    .option('--title <title>', 'title (default: the HTML title or first heading, else the file name)')
    .option('--publisher <name>', 'publisher')
    .option('--author <name>', 'author (repeatable)', collect)
    .option('--url <url>', 'where it was published')
    .option('--published <time>', 'when it was published (relative dates in the text are read against it)')
    .option('--lang <code>', 'language of the article: fr, ru, kk or en (default: detected)')
    .addOption(new Option('--format <format>', 'read the file as this format, whatever its name').choices(['text', 'html', 'markdown']))
    .option('--as <identity>', 'identity to sign with (name or npub; default: the default identity)')
    .option('--passphrase-file <file>', 'read the passphrase from a file (else KERUEN_PASSPHRASE or a prompt)')
    .option('--node-url <url>', 'address of the node whose web app reviews the candidates', 'http://127.0.0.1:7777')
    .option('--json', 'print { source, passages, mentions, candidates } as JSON')
    .action(async (path: string, o: Opts) => {
      const ctx = getContext();
      const bytes = readArticle(path);
      // Loaded here so other commands do not pay for the HTML, Markdown and extraction modules.
      const { importArticle } = await import('../../import/article.ts');
      await prepareTimeParsing([o.published]);
      const meta: ArticleMeta = {
        ...(o.title !== undefined ? { title: o.title } : {}),
        ...(o.publisher !== undefined ? { publisher: o.publisher } : {}),
        ...(o.author !== undefined ? { authors: o.author } : {}),
        ...(o.url !== undefined ? { url: o.url } : {}),
        ...(o.published !== undefined ? { published: parseApproxTime(o.published, o.lang !== undefined ? { lang: o.lang } : {}) } : {}),
        ...(o.lang !== undefined ? { lang: o.lang } : {}),
        ...(o.format !== undefined ? { format: o.format } : {}),
      };
      const sign = async (template: EventTemplate): Promise<VerifiedEvent> => {
        const identity = ctx.keystore.find(o.as);
        const passphrase = await readPassphrase({ ...(o.passphraseFile !== undefined ? { passphraseFile: o.passphraseFile } : {}) }, `Passphrase for ${identity.name}: `);
        const sk = ctx.keystore.unlock(identity, passphrase);
        try {
          return signEvent(template, sk);
        } finally {
          sk.fill(0);
        }
      };
      let bar: ReturnType<typeof progressBar> | undefined;
      const onProgress = (done: number, total: number) => {
        bar ??= progressBar('Extracting', total, 'paragraphs');
        bar.update(done);
      };
      let result: ImportedArticle;
      try {
        result = await importArticle({ store: ctx.store, blobs: ctx.blobs, sign }, bytes, basename(path), meta, onProgress);
      } finally {
        bar?.stop();
      }
      const reviewUrl = `${o.nodeUrl.replace(/\/+$/, '')}/review/${result.source.id}`;
      if (o.json === true) {
        process.stdout.write(`${JSON.stringify({ source: result.source, passages: result.passages, mentions: result.mentions, candidates: result.candidates })}\n`);
        process.stderr.write(`${result.existing ? 'Already imported' : 'Imported'} ${result.source.id}; review: ${reviewUrl}\n`);
      } else process.stdout.write(`${summary(result, reviewUrl)}\n`);
    });
}
