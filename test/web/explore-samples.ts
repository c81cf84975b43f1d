/** Ids of sample-archive records the explore tests and screenshots open (read from the archive itself). */
import { readFileSync } from 'node:fs';
import { SAMPLE_ARCHIVE } from '../../src/node/sample.ts';

interface Wire {
  id: string;
  kind: number;
  content: string;
  tags: string[][];
}

const events = readFileSync(SAMPLE_ARCHIVE, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Wire);

function find(kind: number, test: (content: Record<string, unknown>) => boolean): string {
  const e = events.find((x) => x.kind === kind && test(JSON.parse(x.content) as Record<string, unknown>));
  if (!e) throw new Error(`sample archive: no kind ${kind} record matches`);
  return e.id;
}

export const SAMPLE_IDS = {
  /** The person of concern Makhambet Abjan (missing). */
  makhambet: find(4863, (c) => c.name === 'Makhambet Abjan'),
  /** The event of 5 January: the akimat stormed and burned. */
  akimat: find(4862, (c) => typeof c.title === 'string' && c.title.startsWith('L’Akimat (mairie) d’Almaty pris')),
  /** A testimony with an English translation: the last message of 5 January. */
  lastMessage: find(4861, (c) => typeof c.text === 'string' && c.text.startsWith('Ce qui se passe en ce moment au Kazakhstan')),
};
