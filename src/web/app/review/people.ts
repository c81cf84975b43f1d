/**
 * Which existing person records a proposed person may be: entity resolution's proposals (best
 * first, with score and reason), then namesakes (same family name, other given names), shown
 * as a question and never chosen for the reviewer.
 */
import type { NameMatch } from '../../../core/extract/types.ts';
import { comparePersonNames, suggestSamePeople } from '../../../core/resolve.ts';

export interface ExistingPerson {
  id: string;
  name: string;
  aliases?: readonly string[];
}

export interface PersonChoice {
  person: ExistingPerson;
  match: NameMatch;
}

const MAX_CHOICES = 8;

export function samePersonChoices(name: string, existing: readonly ExistingPerson[]): PersonChoice[] {
  const byId = new Map(existing.map((p) => [p.id, p]));
  const out: PersonChoice[] = [];
  for (const s of suggestSamePeople(name, existing)) {
    const person = byId.get(s.id);
    if (person !== undefined && s.match.reason !== 'namesake') out.push({ person, match: s.match });
  }
  const shown = new Set(out.map((c) => c.person.id));
  for (const person of existing) {
    if (shown.has(person.id)) continue;
    const namesake = [person.name, ...(person.aliases ?? [])].map((n) => comparePersonNames(name, n)).find((m) => m.reason === 'namesake');
    if (namesake !== undefined) out.push({ person, match: namesake });
  }
  return out.slice(0, MAX_CHOICES);
}
