/**
 * /review/:id. One source document: its text fetched from the node and checked against the
 * sha256 its record pins, extraction run in a worker with its progress shown, then the
 * candidates as cards, filtered by kind and by what is left. The identity and passphrase are
 * chosen once for the page; each acceptance unlocks the key, signs and wipes it.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { Kind } from '../../../core/kinds.ts';
import type { DomainRecord } from '../../../core/records.ts';
import { IdentityFields, useNodeIdentities, type NodeIdentities } from '../components/IdentityFields.tsx';
import type { LoadedArchive } from '../data/archive.ts';
import { useArchive } from '../data/use-archive.ts';
import { formatApprox } from '../explore/format.ts';
import { useI18n, type MessageKey } from '../i18n/index.ts';
import { CandidateCard, type Signer } from './CandidateCard.tsx';
import { CANDIDATE_KINDS, loadMemory, rememberDecision, rememberProposed, type CandidateKind, type Decision, type ReviewMemory } from './decisions.ts';
import { extractLang, referenceDay, runExtraction, type Extraction } from './extract.ts';
import { fetchSourceText, SourceTextError, type TextProblem } from './source-text.ts';
import type { ExistingPerson } from './people.ts';

type SourceRecord = Extract<DomainRecord, { kind: typeof Kind.SourceDocument }>;
type TextState = { state: 'loading' } | { state: 'failed'; problem: TextProblem } | { state: 'ready'; text: string };
type ExtractState = { state: 'waiting' } | { state: 'running'; done: number; total: number } | { state: 'failed'; message: string } | { state: 'ready'; result: Extraction };
type Show = 'waiting' | 'decided' | 'all';

const PAGE = 40;

function problemText(p: TextProblem, t: (k: MessageKey, v?: Record<string, string | number>) => string): string {
  switch (p.code) {
    case 'missing':
      return t('review.text.missing');
    case 'unreachable':
      return t('review.text.unreachable', { reason: p.reason });
    case 'mismatch':
      return t('review.text.mismatch', { got: p.got });
    case 'not-utf8':
      return t('review.text.notUtf8', { offset: p.offset });
    case 'not-text':
      return t('review.text.notText', { mime: p.mime });
  }
}

function SignerPanel({ who }: { who: NodeIdentities }) {
  const { t } = useI18n();
  return (
    <form class="cap-form rv-signer" onSubmit={(e) => e.preventDefault()}>
      <fieldset>
        <legend>{t('review.signer')}</legend>
        <p class="note">{t('review.signerHelp')}</p>
        <IdentityFields idPrefix="rv" who={who} />
      </fieldset>
    </form>
  );
}

function Review({ a, doc }: { a: LoadedArchive; doc: SourceRecord }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { reload } = useArchive();
  const sourceId = doc.event.id;
  const { sha256, mime, lang } = doc.content;
  const reference = referenceDay(doc.content.published);
  const [text, setText] = useState<TextState>({ state: 'loading' });
  const [extraction, setExtraction] = useState<ExtractState>({ state: 'waiting' });
  const [memory, setMemory] = useState<ReviewMemory>({ decisions: {} });
  const [memoryNote, setMemoryNote] = useState(false);
  const who = useNodeIdentities();
  const [kind, setKind] = useState<CandidateKind | 'all'>('all');
  const [show, setShow] = useState<Show>('waiting');
  const [limit, setLimit] = useState(PAGE);
  // Decided during this visit: kept in view under "waiting" so the outcome (and its link) shows.
  const [recent, setRecent] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    let live = true;
    loadMemory(sourceId).then(
      (m) => live && setMemory(m),
      () => live && setMemoryNote(true),
    );
    return () => {
      live = false;
    };
  }, [sourceId]);

  // Text, then extraction: keyed on the document only, so reloading the archive after an
  // acceptance keeps the candidates and the reviewer's place.
  useEffect(() => {
    let live = true;
    let cancel: (() => void) | undefined;
    setText({ state: 'loading' });
    setExtraction({ state: 'waiting' });
    fetchSourceText({ sha256, mime }).then(
      (checked) => {
        if (!live) return;
        setText({ state: 'ready', text: checked });
        const run = runExtraction({ text: checked, lang: extractLang(lang), ...(reference !== undefined ? { reference } : {}), sourceId }, (done, total) => live && setExtraction({ state: 'running', done, total }));
        cancel = run.cancel;
        run.result.then(
          (result) => {
            if (!live) return;
            setExtraction({ state: 'ready', result });
            const proposed = { event: 0, person: 0, claim: 0 };
            for (const c of result.candidates) proposed[c.kind]++;
            rememberProposed(sourceId, proposed).catch(() => setMemoryNote(true));
          },
          (e: unknown) => live && setExtraction({ state: 'failed', message: e instanceof Error ? e.message : String(e) }),
        );
      },
      (e: unknown) => live && setText({ state: 'failed', problem: e instanceof SourceTextError ? e.problem : { code: 'unreachable', reason: String(e) } }),
    );
    return () => {
      live = false;
      cancel?.();
    };
  }, [sourceId, sha256, mime, lang, reference]);

  const persons: ExistingPerson[] = useMemo(
    () => a.index.heads(Kind.PersonOfConcern).map((r) => ({ id: r.event.id, name: r.content.name, ...(r.content.aliases ? { aliases: r.content.aliases } : {}) })),
    [a],
  );
  const signer: Signer = { identity: who.identity, passphrase: who.passphrase };

  const decide = (key: string, d: Decision | undefined) => {
    setRecent((r) => new Set([...r, key]));
    // Shown at once; remembered on the device as well as it can be.
    setMemory((m) => {
      const decisions = { ...m.decisions };
      if (d === undefined) delete decisions[key];
      else decisions[key] = d;
      return { ...m, decisions };
    });
    rememberDecision(sourceId, key, d).catch(() => setMemoryNote(true));
    if (d?.act === 'accepted') reload();
  };

  const ready = extraction.state === 'ready' ? extraction.result : undefined;
  const passages = useMemo(() => new Map((ready?.passages ?? []).map((p) => [p.id, p])), [ready]);
  const inShow = (key: string) => (show === 'all' ? true : show === 'waiting' ? memory.decisions[key] === undefined || recent.has(key) : memory.decisions[key] !== undefined);
  const shownByStatus = (ready?.candidates ?? []).filter((c) => inShow(c.key));
  const counts = { all: shownByStatus.length, event: 0, person: 0, claim: 0 };
  for (const c of shownByStatus) counts[c.kind]++;
  const shown = shownByStatus.filter((c) => kind === 'all' || c.kind === kind);
  const total = ready?.candidates.length ?? 0;
  const decided = ready ? ready.candidates.filter((c) => memory.decisions[c.key] !== undefined).length : 0;
  const docLang = doc.content.lang;

  return (
    <article class="review">
      <p>
        <a href="/review">← {t('review.back')}</a>
      </p>
      <p class="record-kind">{t('kind.source')}</p>
      <h1 lang={docLang}>{doc.content.title}</h1>
      <p class="meta">
        {[doc.content.publisher, doc.content.published ? formatApprox(doc.content.published, i18n) : undefined].filter(Boolean).join(' · ')}{' '}
        <a href={`/record/${sourceId}`}>{t('review.seeSource')}</a>
      </p>
      <p class="intro">{t('review.docIntro')}</p>
      {text.state === 'loading' && <p role="status">{t('review.text.loading')}</p>}
      {text.state === 'failed' && (
        <p class="error" role="alert">
          {problemText(text.problem, t)}
        </p>
      )}
      {text.state === 'ready' && extraction.state !== 'ready' && extraction.state !== 'failed' && (
        <div class="rv-progress" role="status">
          <label for="rv-progress">{extraction.state === 'running' ? t('review.progress', { done: extraction.done, total: extraction.total }) : t('review.starting')}</label>
          <progress id="rv-progress" max={extraction.state === 'running' ? extraction.total : undefined} value={extraction.state === 'running' ? extraction.done : undefined} />
        </div>
      )}
      {extraction.state === 'failed' && (
        <p class="error" role="alert">
          {t('review.extractFailed', { reason: extraction.message })}
        </p>
      )}
      {memoryNote && <p class="note">{t('review.memoryFailed')}</p>}
      {ready && text.state === 'ready' && (
        <>
          <p class="rv-summary" role="status">
            {t('review.summary', { count: total, decided, passages: ready.passages.length })}
          </p>
          <SignerPanel who={who} />
          <div class="rv-filters">
            <div role="group" aria-label={t('review.filterKind')}>
              {(['all', ...CANDIDATE_KINDS] as const).map((k) => (
                <button key={k} type="button" aria-pressed={kind === k ? 'true' : 'false'} onClick={() => {
                    setKind(k);
                    setLimit(PAGE);
                    setRecent(new Set());
                  }}>
                  {t(`review.filter.${k}` as MessageKey)} ({i18n.formatNumber(counts[k])})
                </button>
              ))}
            </div>
            <label for="rv-show">{t('review.show')}</label>
            <select id="rv-show" value={show} onChange={(e) => {
                setShow(e.currentTarget.value as Show);
                setLimit(PAGE);
                setRecent(new Set());
              }}>
              <option value="waiting">{t('review.show.waiting')}</option>
              <option value="decided">{t('review.show.decided')}</option>
              <option value="all">{t('review.show.all')}</option>
            </select>
          </div>
          {shown.length === 0 && <p class="note">{t('review.none')}</p>}
          <div class="rv-cards">
            {shown.slice(0, limit).map((c) => (
              <CandidateCard key={c.key} c={c} text={text.text} passage={passages.get(c.passage)} decision={memory.decisions[c.key]} persons={persons} signer={signer} reference={reference} onDecide={(d) => decide(c.key, d)} />
            ))}
          </div>
          {shown.length > limit && (
            <p>
              <button type="button" onClick={() => setLimit((l) => l + PAGE)}>
                {t('review.more', { count: Math.min(PAGE, shown.length - limit) })}
              </button>
            </p>
          )}
        </>
      )}
    </article>
  );
}

export function ReviewDocument({ id }: { id: string }) {
  const { t } = useI18n();
  const { state } = useArchive();
  if (state.status !== 'ready') return null;
  const r = state.archive.index.head(id.toLowerCase());
  if (r === undefined || r.kind !== Kind.SourceDocument)
    return (
      <section>
        <p>
          <a href="/review">← {t('review.back')}</a>
        </p>
        <p role="alert" class="error">
          {t('review.notFound')}
        </p>
      </section>
    );
  return <Review a={state.archive} doc={r} />;
}
