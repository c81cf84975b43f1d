/**
 * Fills the examples of docs/protocol.md from the sample archive: for each
 * `<!-- example:<kind slug> -->` block, the first record of that kind in
 * samples/kazakhstan-2022-01/archive.jsonl (the doc test checks they stay in sync).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { kindSlugs } from '../src/core/kinds.ts';
import { SAMPLE_ARCHIVE } from '../src/node/sample.ts';

const DOC = new URL('../docs/protocol.md', import.meta.url);

export function fillExamples(doc: string, archiveLines: string[]): string {
  const events = archiveLines.filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as { kind: number; content: string; tags: string[][] });
  return doc.replace(/<!-- example:([a-z]+) -->[\s\S]*?<!-- \/example -->/g, (_all, slug: string) => {
    const kind = kindSlugs[slug];
    // Prefer a record that cites a passage, so the example shows a citation.
    const ofKind = events.filter((e) => e.kind === kind);
    const example = ofKind.find((e) => e.content.includes('"quote"')) ?? ofKind[0];
    if (example === undefined) throw new Error(`no ${slug} record in the sample archive`);
    return `<!-- example:${slug} -->\nExample, from the sample archive:\n\n\`\`\`json\n${JSON.stringify(example, null, 2)}\n\`\`\`\n<!-- /example -->`;
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const doc = readFileSync(DOC, 'utf8');
  writeFileSync(DOC, fillExamples(doc, readFileSync(SAMPLE_ARCHIVE, 'utf8').split('\n')));
  process.stdout.write('docs/protocol.md examples refreshed from the sample archive\n');
}
