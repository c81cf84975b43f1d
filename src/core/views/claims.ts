/**
 * Claims against evidence: each claim (who said what, when, from which source) with the
 * curators' assessments of it and a standing computed from them.
 *
 * Standing: `verifies` and `supports` count as support, `contradicts` as contradiction;
 * `duplicates` says the claim repeats another and does not move the standing.
 *   supported     some support, no contradiction
 *   contradicted  some contradiction, no support
 *   disputed      both
 *   unassessed    neither
 * Codes and counts are for the UI to translate; `summary` is plain English for the CLI.
 */
import type { VerifiedEvent } from '../event.ts';
import { Kind } from '../kinds.ts';
import { VERDICTS, type AssessmentContent, type ClaimContent, type DomainRecord, type Verdict } from '../records.ts';
import type { ApproxTime } from '../time.ts';
import { indexOf, type ArchiveIndex, type ItemBase, type RefSummary, type ResolvedCitation, type TranslationView, type ViewOptions } from './common.ts';
import { behindId, corroboration, type Behind, type Corroboration } from './corroboration.ts';

export interface AssessmentView extends ItemBase<AssessmentContent> {
  verdict: Verdict;
  note: string;
  lang: string;
  citations: ResolvedCitation[];
  evidence: RefSummary[];
}

export type StandingCode = 'supported' | 'contradicted' | 'disputed' | 'unassessed';

export interface Standing {
  code: StandingCode;
  /** Assessments by verdict. */
  verdicts: Record<Verdict, number>;
  supporting: number;
  contradicting: number;
  /** Distinct curators (authors) of the assessments. */
  curators: number;
  /** Distinct evidence records across all assessments, by kind slug ("testimony", "event", "source", "unknown"...). */
  evidence: Record<string, number>;
  /** One line of English for the CLI, e.g. "Contradicted by 2 assessments (Aigerim, Mirror), citing 3 testimonies". */
  summary: string;
}

export interface ClaimView extends ItemBase<ClaimContent> {
  statement: string;
  claimant: ClaimContent['claimant'];
  said?: ApproxTime;
  figure?: NonNullable<ClaimContent['figure']>;
  lang: string;
  citations: ResolvedCitation[];
  events: RefSummary[];
  translations: Record<string, TranslationView>;
  /** Oldest first. */
  assessments: AssessmentView[];
  standing: Standing;
  corroboration: ClaimCorroboration;
}

type AssessmentRecord = Extract<DomainRecord, { kind: typeof Kind.Assessment }>;

const SUPPORT: ReadonlySet<Verdict> = new Set(['verifies', 'supports']);

/** English nouns for evidence kinds, singular and plural (CLI summary only). */
const NOUNS: Record<string, [string, string]> = {
  testimony: ['testimony', 'testimonies'],
  event: ['event', 'events'],
  source: ['source document', 'source documents'],
  media: ['media file', 'media files'],
  status: ['status report', 'status reports'],
  claim: ['claim', 'claims'],
  person: ['person record', 'person records'],
  assessment: ['assessment', 'assessments'],
  translation: ['translation', 'translations'],
  unknown: ['record not in this archive', 'records not in this archive'],
};
const ORDER = Object.keys(NOUNS);

function counted(n: number, kind: string): string {
  const [one, many] = NOUNS[kind] ?? [kind, `${kind}s`];
  return `${n} ${n === 1 ? one : many}`;
}

function listEnglish(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function shortName(a: AssessmentView): string {
  return a.attribution.name ?? `${a.attribution.pubkey.slice(0, 8)}…`;
}

function assessmentsPhrase(list: readonly AssessmentView[]): string {
  const names = [...new Set(list.map(shortName))];
  return `${list.length} assessment${list.length === 1 ? '' : 's'} (${names.join(', ')})`;
}

function corroborationOf(ix: ArchiveIndex, list: readonly AssessmentView[]): Corroboration {
  const behind: Behind[] = [];
  for (const a of list) {
    for (const e of a.evidence) {
      const b = behindId(ix, e.headId);
      if (b) behind.push(b);
    }
    for (const c of a.citations) {
      const b = behindId(ix, c.sourceId);
      if (b) behind.push(b);
    }
  }
  return corroboration(behind);
}

/**
 * Independent sources behind the evidence (and cited documents) of a claim's supporting
 * assessments and of its contradicting ones: ten curators citing one article are one source.
 */
export interface ClaimCorroboration {
  support: Corroboration;
  contradiction: Corroboration;
}

/** Independent sources behind the assessments of a claim, split by side. */
export function claimCorroboration(ix: ArchiveIndex, assessments: readonly AssessmentView[]): ClaimCorroboration {
  return {
    support: corroborationOf(ix, assessments.filter((a) => SUPPORT.has(a.verdict))),
    contradiction: corroborationOf(ix, assessments.filter((a) => a.verdict === 'contradicts')),
  };
}

/** Computes the standing of a claim from its assessments. */
export function standingOf(assessments: readonly AssessmentView[]): Standing {
  const verdicts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const a of assessments) verdicts[a.verdict]++;
  const pro = assessments.filter((a) => SUPPORT.has(a.verdict));
  const con = assessments.filter((a) => a.verdict === 'contradicts');
  const code: StandingCode = pro.length > 0 && con.length > 0 ? 'disputed' : pro.length > 0 ? 'supported' : con.length > 0 ? 'contradicted' : 'unassessed';
  const evidenceKinds = new Map<string, string>();
  for (const a of assessments) for (const e of a.evidence) evidenceKinds.set(e.headId, e.kind ?? 'unknown');
  const evidence: Record<string, number> = {};
  for (const k of evidenceKinds.values()) evidence[k] = (evidence[k] ?? 0) + 1;
  const cited = Object.entries(evidence)
    .sort(([a], [b]) => (ORDER.indexOf(a) >>> 0) - (ORDER.indexOf(b) >>> 0))
    .map(([k, n]) => counted(n, k));
  const citing = cited.length > 0 ? `, citing ${listEnglish(cited)}` : '';
  let summary: string;
  if (code === 'unassessed') summary = assessments.length > 0 ? `Not assessed for truth (${verdicts.duplicates} marked duplicate)` : 'Not assessed yet';
  else if (code === 'supported') summary = `Supported by ${assessmentsPhrase(pro)}${citing}`;
  else if (code === 'contradicted') summary = `Contradicted by ${assessmentsPhrase(con)}${citing}`;
  else summary = `Disputed: supported by ${assessmentsPhrase(pro)}, contradicted by ${assessmentsPhrase(con)}${citing}`;
  return {
    code,
    verdicts,
    supporting: pro.length,
    contradicting: con.length,
    curators: new Set(assessments.map((a) => a.attribution.pubkey)).size,
    evidence,
    summary,
  };
}

export function assessmentView(ix: ArchiveIndex, a: AssessmentRecord): AssessmentView {
  return {
    ...ix.base<AssessmentContent>(a),
    verdict: a.content.verdict,
    note: a.content.note,
    lang: a.content.lang,
    citations: ix.citations(a),
    evidence: ix.describeRefs(a, 'evidence'),
  };
}

/** Every claim with its assessments and standing, oldest statement first (by `said`, else `created_at`). */
export function buildClaims(events: readonly VerifiedEvent[] | ArchiveIndex, opts: ViewOptions = {}): ClaimView[] {
  const ix = indexOf(events, opts);
  const views = ix.heads(Kind.Claim).map((c): ClaimView => {
    const assessments = ix.referrers(c.event.id, 'target', Kind.Assessment).map((a) => assessmentView(ix, a));
    assessments.sort((a, b) => a.attribution.createdAt - b.attribution.createdAt || (a.id < b.id ? -1 : 1));
    const view: ClaimView = {
      ...ix.base<ClaimContent>(c),
      statement: c.content.statement,
      claimant: { ...c.content.claimant },
      lang: c.content.lang,
      citations: ix.citations(c),
      events: ix.describeRefs(c, 'event'),
      translations: ix.translations(c.event.id),
      assessments,
      standing: standingOf(assessments),
      corroboration: claimCorroboration(ix, assessments),
    };
    if (c.content.said) view.said = c.content.said;
    if (c.content.figure) view.figure = { ...c.content.figure };
    return view;
  });
  const key = (v: ClaimView): string => v.said?.from.slice(0, 10) ?? new Date(v.attribution.createdAt * 1000).toISOString().slice(0, 10);
  return views.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.attribution.createdAt - b.attribution.createdAt));
}

/** Every assessment of a record (any version of it), oldest first: "verified" marks on testimonies and media, "same as" on people and events. */
export function assessmentsOf(events: readonly VerifiedEvent[] | ArchiveIndex, id: string, opts: ViewOptions = {}): AssessmentView[] {
  const ix = indexOf(events, opts);
  const list = ix.referrers(id, 'target', Kind.Assessment).map((a) => assessmentView(ix, a));
  return list.sort((a, b) => a.attribution.createdAt - b.attribution.createdAt || (a.id < b.id ? -1 : 1));
}
