/**
 * `npm run eval`: assisted extraction on the hand-labelled article, scored per mention type,
 * then entity resolution on the name-variant list. Prints figures beside the targets;
 * a missed target is reported, never turned into a failing exit code (the eval is not a test).
 * `--verbose` lists false positives and misses per type.
 */
import { execFileSync } from 'node:child_process';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { extractMentions } from '../src/core/extract/index.ts';
import { comparePersonNames, comparePlaceNames } from '../src/core/resolve.ts';
import { MENTION_TYPES } from '../src/core/extract/types.ts';
import { loadGold } from './gold.ts';
import { MATCHING_RULE, scoreMentions } from './score.ts';
import { loadVariants, scoreResolution } from './variants.ts';
import { errorsList, extractionTable, misjudgedList, resolutionTable } from './report.ts';

const here = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    verbose: { type: 'boolean', short: 'v', default: false },
    gold: { type: 'string', default: join(here, 'gold', 'after-the-uprising.fr.json') },
    variants: { type: 'string', default: join(here, 'name-variants.json') },
  },
});

/** Which code the figures are for: the commit, and whether the extractors differ from it. */
function codeVersion(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: here, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src/core'], { cwd: join(here, '..'), encoding: 'utf8' }).trim();
    return dirty ? `${head} + uncommitted changes in src/core` : head;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

const gold = loadGold(args.gold);
const mentions = extractMentions(gold.text, { lang: gold.lang, reference: gold.reference });
const scores = scoreMentions(mentions, gold.entries);

console.log(`Extraction: extractMentions on ${basename(gold.articlePath)} (lang ${gold.lang}, reference ${gold.reference}), code at ${codeVersion()}`);
console.log(`Gold set: ${basename(args.gold)}, ${gold.entries.length} entries labelled by hand\n`);
console.log(`Matching rule:\n${MATCHING_RULE.replace(/^/gm, '  ')}\n`);
console.log(extractionTable(scores));

const pairs = loadVariants(args.variants);
const resolution = scoreResolution(pairs, { person: comparePersonNames, place: comparePlaceNames });
console.log(`\nEntity resolution: comparePersonNames / comparePlaceNames on ${basename(args.variants)} (${pairs.length} labelled pairs; correct = the judgement "same" equals the label)`);
console.log(resolutionTable(resolution));
console.log(`Misjudged pairs (${resolution.misjudged.length}):\n${misjudgedList(resolution)}`);

if (args.verbose) {
  for (const type of MENTION_TYPES) console.log(`\n${errorsList(scores[type], gold.text)}`);
}
