/**
 * The curator's part of a record page: what stands behind the record (independent sources,
 * verifications, merges) and the act that fits its kind: "Mark as verified" for a testimony or a
 * media file, "Link evidence" for a claim, "Same as…" for a person or an event.
 */
import type { VerifiedEvent } from '../../../core/event.ts';
import { Kind } from '../../../core/kinds.ts';
import { refsOf, type DomainRecord } from '../../../core/records.ts';
import { comparePersonNames, comparePlaceNames, suggestSamePeople } from '../../../core/resolve.ts';
import { daysCovered } from '../../../core/time.ts';
import { assessmentsOf, type ArchiveIndex } from '../../../core/views/index.ts';
import { Attribution } from '../components/Attribution.tsx';
import { kindKey } from '../components/RefList.tsx';
import type { LoadedArchive } from '../data/archive.ts';
import { standingText } from '../explore/claim-text.ts';
import { claimsOf, peopleOf, timelineOf } from '../explore/views.ts';
import { useI18n } from '../i18n/index.ts';
import { JudgementForm, type Candidate, type CandidateMatch } from './JudgementForm.tsx';
import { Merged } from './Merged.tsx';
import { Sources } from './Sources.tsx';

/** What "verified" rests on: the documents the record cites, else the record itself. */
export function verificationEvidence(ix: ArchiveIndex, e: VerifiedEvent): string[] {
  const r = ix.records.get(e.id);
  if (!r) return [e.id];
  const cited = new Set<string>(refsOf(r, 'source'));
  for (const c of 'sources' in r.content ? (r.content.sources ?? []) : []) cited.add(c.source);
  return cited.size > 0 ? [...cited].slice(0, 50) : [e.id];
}

function candidatesOf(ix: ArchiveIndex, kinds: readonly number[], except: string): Candidate[] {
  const out: Candidate[] = [];
  const add = (id: string, kind: number) => {
    if (!kinds.includes(kind) || id === except) return;
    const d = ix.describe(id);
    out.push({ id, kindKey: kindKey(d.kind), label: d.label });
  };
  for (const r of ix.heads()) add(r.event.id, r.kind);
  for (const e of ix.raw.values()) add(e.id, e.kind);
  return out;
}

const namesOf = (r: DomainRecord | undefined): { name: string; aliases: string[] } | undefined =>
  r?.kind === Kind.PersonOfConcern ? { name: r.content.name, aliases: r.content.aliases ?? [] } : undefined;

/**
 * "Same as…" for a person: the records entity resolution proposes as the same person first, best
 * first, each with its score and reason; namesakes (same family name, other given names) keep
 * their place but say so, so the curator is warned rather than led.
 */
export function rankSamePeople(ix: ArchiveIndex, target: DomainRecord, candidates: readonly Candidate[]): Candidate[] {
  const self = namesOf(target);
  if (self === undefined) return [...candidates];
  const existing = candidates.flatMap((c) => {
    const n = namesOf(ix.records.get(c.id));
    return n ? [{ id: c.id, ...n }] : [];
  });
  const best = new Map<string, CandidateMatch>();
  // The target's own aliases count too: its Cyrillic spelling may be the one that matches.
  for (const name of [self.name, ...self.aliases])
    for (const s of suggestSamePeople(name, existing)) if ((best.get(s.id)?.score ?? -1) < s.match.score) best.set(s.id, s.match);
  const ranked = candidates.filter((c) => best.has(c.id)).map((c) => ({ ...c, match: best.get(c.id)! }));
  ranked.sort((a, b) => b.match.score - a.match.score);
  const rest = candidates
    .filter((c) => !best.has(c.id))
    .map((c) => {
      const other = existing.find((x) => x.id === c.id);
      const m = other ? comparePersonNames(self.name, other.name) : undefined;
      return m?.reason === 'namesake' ? { ...c, match: m } : c;
    });
  return [...ranked, ...rest];
}

/** "Same as…" for an event: events on a day it covers and at a place resolution calls the same come first. */
export function rankSameEvents(ix: ArchiveIndex, target: DomainRecord, candidates: readonly Candidate[]): Candidate[] {
  if (target.kind !== Kind.Event) return [...candidates];
  const days = new Set(daysCovered(target.content.when));
  const place = target.content.where?.name;
  const scored = candidates.map((c) => {
    const r = ix.records.get(c.id);
    if (r?.kind !== Kind.Event) return { c, score: 0 };
    const sameDay = daysCovered(r.content.when).some((d) => days.has(d));
    const where = place !== undefined && r.content.where?.name !== undefined ? comparePlaceNames(place, r.content.where.name) : undefined;
    const placeSame = where?.same === true;
    if (!sameDay && !placeSame) return { c, score: 0 };
    // Day and place together are a proposal; either alone only ranks the record higher.
    const score = Math.round(((sameDay ? 0.5 : 0) + (placeSame ? 0.5 * where.score : 0)) * 1000) / 1000;
    const match: CandidateMatch = placeSame ? { ...where, score, same: sameDay, sameDay } : { score, same: false, reason: 'different', detail: '', sameDay };
    return { c: { ...c, match }, score };
  });
  return scored.sort((a, b) => b.score - a.score).map((x) => x.c);
}

function Verifications({ ix, id }: { ix: ArchiveIndex; id: string }) {
  const { t } = useI18n();
  const list = assessmentsOf(ix, id).filter((a) => a.verdict === 'verifies');
  return (
    <>
      <h3>{t('verify.verifications')}</h3>
      {list.length === 0 ? (
        <p class="quiet">{t('verify.noVerification')}</p>
      ) : (
        <ul class="plain verifications">
          {list.map((a) => (
            <li key={a.id} class="assessment">
              <p>
                <span class="verdict verdict-verifies">✓ {t('verify.verifiedBy', { name: a.attribution.name ?? a.attribution.pubkey.slice(0, 8) })}</span>
              </p>
              <p lang={a.lang}>{a.note}</p>
              <Attribution a={a.attribution} id={a.id} label="claims.assessedBy" />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Standing({ a, r }: { a: LoadedArchive; r: DomainRecord }) {
  const i18n = useI18n();
  const { t } = i18n;
  const ix = a.index;
  if (r.kind === Kind.Event) {
    const tl = timelineOf(ix);
    const ev = [...tl.days.flatMap((d) => d.events), ...tl.periods].find((x) => x.id === r.event.id || x.merged.ids.includes(r.event.id));
    return ev ? (
      <>
        <Sources c={ev.corroboration} label={t('verify.behindEvent')} />
        <Merged merged={ev.merged} />
      </>
    ) : null;
  }
  if (r.kind === Kind.PersonOfConcern) {
    const p = peopleOf(ix).find((x) => x.id === r.event.id || x.merged.ids.includes(r.event.id));
    return p ? (
      <>
        <Sources c={p.corroboration} />
        <Merged merged={p.merged} />
      </>
    ) : null;
  }
  if (r.kind === Kind.Claim) {
    const c = claimsOf(ix).find((x) => x.id === r.event.id);
    return c ? (
      <>
        <p class={`standing standing-${c.standing.code}`}>
          {t('claims.standing')}: {standingText(c.standing, i18n)}
        </p>
        <Sources c={c.corroboration.support} label={t('verify.support')} />
        <Sources c={c.corroboration.contradiction} label={t('verify.contradiction')} />
      </>
    ) : null;
  }
  return null;
}

export function VerifyPanel({ a, e }: { a: LoadedArchive; e: VerifiedEvent }) {
  const { t } = useI18n();
  const ix = a.index;
  // Judgements are made on the version shown, never on a superseded one.
  if (ix.canonical(e.id) !== e.id) return null;
  const r = ix.records.get(e.id);
  let act;
  if (e.kind === Kind.Testimony || e.kind === Kind.MediaDescriptor)
    act = <JudgementForm target={e.id} mode={{ kind: 'verify', evidence: verificationEvidence(ix, e) }} title="verify.markVerified" help="verify.markVerifiedHelp" />;
  else if (e.kind === Kind.Claim)
    act = <JudgementForm target={e.id} mode={{ kind: 'link', candidates: candidatesOf(ix, [Kind.Testimony, Kind.MediaDescriptor, Kind.SourceDocument], e.id) }} title="verify.linkEvidence" help="verify.linkEvidenceHelp" />;
  else if (e.kind === Kind.PersonOfConcern || e.kind === Kind.Event)
    act = (
      <JudgementForm
        target={e.id}
        mode={{ kind: 'same', candidates: r ? (e.kind === Kind.Event ? rankSameEvents : rankSamePeople)(ix, r, candidatesOf(ix, [e.kind], e.id)) : candidatesOf(ix, [e.kind], e.id) }}
        title="verify.sameAs"
        help={e.kind === Kind.Event ? 'verify.sameAsEventHelp' : 'verify.sameAsPersonHelp'}
      />
    );
  if (act === undefined && !r) return null;
  return (
    <section class="verify" id="verify" aria-labelledby="verify-heading">
      <h2 id="verify-heading">{t('verify.heading')}</h2>
      {r && <Standing a={a} r={r} />}
      {(e.kind === Kind.Testimony || e.kind === Kind.MediaDescriptor) && <Verifications ix={ix} id={e.id} />}
      {act && (
        <>
          <p class="note">{t('verify.intro')}</p>
          {act}
        </>
      )}
    </section>
  );
}
