/** Plain-text tables for `npm run eval`: figures printed beside their targets, and what was missed. */
import type { Mention, MentionType } from '../src/core/extract/types.ts';
import type { GoldEntry } from './gold.ts';
import type { TypeScore } from './score.ts';
import type { ResolutionScore } from './variants.ts';

/** The issue's targets (not tests): extraction for dates, places and people; resolution on the variant list. */
export const TARGETS: Partial<Record<MentionType, { precision: number; recall: number }>> = {
  date: { precision: 0.85, recall: 0.7 },
  place: { precision: 0.85, recall: 0.7 },
  person: { precision: 0.85, recall: 0.7 },
};
export const RESOLUTION_TARGET = 0.9;

const f3 = (x: number) => x.toFixed(3);

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}

export function extractionTable(scores: Record<MentionType, TypeScore>): string {
  const rows = Object.values(scores).map((s) => {
    const t = TARGETS[s.type];
    const misses = t ? [s.precision < t.precision ? 'precision' : '', s.recall < t.recall ? 'recall' : ''].filter(Boolean) : [];
    return [
      s.type,
      String(s.gold),
      String(s.predicted),
      String(s.matched),
      f3(s.precision),
      f3(s.recall),
      f3(s.f1),
      t ? `P >= ${t.precision.toFixed(2)}, R >= ${t.recall.toFixed(2)}` : '(none)',
      t ? (misses.length === 0 ? 'yes' : `NO (${misses.join(', ')})`) : '-',
    ];
  });
  return table(['type', 'gold', 'found', 'matched', 'precision', 'recall', 'F1', 'target', 'met'], rows);
}

export function resolutionTable(r: ResolutionScore): string {
  const row = (name: string, k: { pairs: number; correct: number; accuracy: number }, target: boolean) => [
    name,
    String(k.pairs),
    String(k.correct),
    f3(k.accuracy),
    target ? `>= ${RESOLUTION_TARGET.toFixed(2)}` : '',
    target ? (k.accuracy >= RESOLUTION_TARGET ? 'yes' : 'NO') : '',
  ];
  return table(
    ['kind', 'pairs', 'correct', 'accuracy', 'target', 'met'],
    [row('person', r.byKind.person, false), row('place', r.byKind.place, false), row('all', r, true)],
  );
}

export function misjudgedList(r: ResolutionScore): string {
  if (r.misjudged.length === 0) return '  (none)';
  return r.misjudged
    .map(({ pair, match }) => {
      const said = pair.same ? 'labelled the same, judged different' : 'labelled different, judged the same';
      return `  ${pair.kind.padEnd(6)} "${pair.a}" / "${pair.b}": ${said} (${match.reason}, ${match.score}${match.detail ? `: ${match.detail}` : ''}) [${pair.note}]`;
    })
    .join('\n');
}

export function describeMention(m: Mention): string {
  switch (m.type) {
    case 'date':
      return `${m.when.from}${m.when.to ? `..${m.when.to}` : ''} (${m.when.precision})`;
    case 'place':
      return `${m.place.names?.en ?? m.place.name}${m.gazetteerId ? ` [${m.gazetteerId}]` : ''}`;
    case 'person':
      return m.name;
    case 'count':
      return `${m.value} ${m.unit}`;
    case 'claim':
      return `claimant: ${m.claimant.name}`;
  }
}

export function describeGold(g: GoldEntry): string {
  switch (g.type) {
    case 'date':
      return `${g.value.from}${g.value.to ? `..${g.value.to}` : ''} (${g.value.precision})`;
    case 'place':
    case 'person':
      return g.value;
    case 'count':
      return `${g.value.value} ${g.value.unit}`;
    case 'claim':
      return `claimant: ${g.value.claimant}`;
  }
}

const clip = (s: string, n = 90) => (s.length > n ? `${s.slice(0, n - 1)}…` : s).replace(/\s+/g, ' ');

/** --verbose: every false positive (with the gold entry it overlaps, if any) and every miss, per type. */
export function errorsList(s: TypeScore, text: string): string {
  const context = (at: readonly [number, number]) => clip(text.slice(Math.max(0, at[0] - 30), at[1] + 30), 120);
  const out = [`${s.type}: false positives (${s.falsePositives.length})`];
  for (const { mention, near } of s.falsePositives)
    out.push(`  [${mention.at[0]}-${mention.at[1]}] "${clip(mention.text)}" -> ${describeMention(mention)}${near ? `  (gold here: "${clip(near.quote, 50)}" -> ${describeGold(near)})` : ''}`);
  out.push(`${s.type}: misses (${s.misses.length})`);
  for (const g of s.misses) out.push(`  [${g.at[0]}-${g.at[1]}] "${clip(g.quote)}" -> ${describeGold(g)}    …${context(g.at)}…`);
  return out.join('\n');
}
