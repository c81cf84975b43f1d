/**
 * One judgement: what it rests on (fixed, or picked from the archive), the required reason, the
 * identity and its passphrase; then sign in the browser and publish to the node's relay. The
 * archive is reloaded once the relay said OK, so every view counts the new assessment at once.
 */
import { useState } from 'preact/hooks';
import type { NameMatch } from '../../../core/extract/types.ts';
import type { Verdict } from '../../../core/records.ts';
import { SaveError } from '../capture/publish.ts';
import { IdentityFields, useNodeIdentities } from '../components/IdentityFields.tsx';
import { useArchive } from '../data/use-archive.ts';
import { useI18n, type MessageKey } from '../i18n/index.ts';
import { publishJudgement } from './sign.ts';

/** Why entity resolution ranked a candidate where it is (for events: the place, and whether a day is shared). */
export type CandidateMatch = NameMatch & { sameDay?: boolean };

export interface Candidate {
  id: string;
  /** Kind name key and a few words of the record. */
  kindKey: MessageKey;
  label: string;
  /** Set by "Same as…" ranking: shown beside the record, never acted on without the curator. */
  match?: CandidateMatch;
}

/** How many ranked proposals are listed above the picker, with their reasons. */
const BEST_SHOWN = 3;

export type FormMode =
  | { kind: 'verify'; evidence: readonly string[] }
  | { kind: 'link'; candidates: readonly Candidate[] }
  | { kind: 'same'; candidates: readonly Candidate[] };

type Phase = { step: 'idle' } | { step: 'signing' } | { step: 'publishing' } | { step: 'done' } | { step: 'failed'; message: string };

const MAX_OPTIONS = 200;

export function JudgementForm({ target, mode, title, help }: { target: string; mode: FormMode; title: MessageKey; help: MessageKey }) {
  const { t, locale } = useI18n();
  const { reload } = useArchive();
  const who = useNodeIdentities();
  const [reason, setReason] = useState('');
  const [picked, setPicked] = useState('');
  const [filter, setFilter] = useState('');
  const [side, setSide] = useState<'supports' | 'contradicts'>('supports');
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });

  const candidates = mode.kind === 'verify' ? [] : mode.candidates;
  const needle = filter.trim().toLowerCase();
  const shown = (needle ? candidates.filter((c) => c.label.toLowerCase().includes(needle) || c.id.startsWith(needle)) : candidates).slice(0, MAX_OPTIONS);

  const submit = async () => {
    if (mode.kind !== 'verify' && picked === '') return setPhase({ step: 'failed', message: t('verify.needPick') });
    if (reason.trim() === '') return setPhase({ step: 'failed', message: t('verify.needReason') });
    const identity = who.identity;
    if (identity === undefined) return setPhase({ step: 'failed', message: t('verify.noIdentity') });
    const verdict: Verdict = mode.kind === 'verify' ? 'verifies' : mode.kind === 'same' ? 'duplicates' : side;
    const evidence = mode.kind === 'verify' ? mode.evidence : [picked];
    try {
      await publishJudgement({ target, verdict, evidence, note: reason, lang: locale }, identity, who.passphrase, (p) => setPhase({ step: p }));
      who.setPassphrase('');
      setReason('');
      setPicked('');
      setPhase({ step: 'done' });
      reload();
    } catch (e) {
      const message = e instanceof SaveError && e.stage === 'passphrase' ? t('verify.badPassphrase') : t('verify.failed', { reason: e instanceof SaveError ? e.reason : e instanceof Error ? e.message : String(e) });
      setPhase({ step: 'failed', message });
    }
  };

  /** "87% · same name in another script": the score and the translated reason (events: and "same day"). */
  const whyText = (m: CandidateMatch): string => {
    const parts = [t('verify.match.score', { score: Math.round(m.score * 100) })];
    if (m.reason !== 'different' || m.sameDay !== true) parts.push(t(`verify.match.${m.reason}`));
    if (m.sameDay === true) parts.push(t('verify.match.sameDay'));
    return parts.join(' · ');
  };
  const best = mode.kind === 'same' ? candidates.filter((c) => c.match?.same === true).slice(0, BEST_SHOWN) : [];

  const busy = phase.step === 'signing' || phase.step === 'publishing';
  return (
    <form
      class="cap-form verify-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <fieldset disabled={busy}>
        <legend>{t(title)}</legend>
        <p class="note">{t(help)}</p>
        {mode.kind === 'link' && (
          <div class="cap-radios" role="radiogroup" aria-label={t('verify.side')}>
            {(['supports', 'contradicts'] as const).map((s) => (
              <label key={s}>
                <input type="radio" name="verify-side" value={s} checked={side === s} onChange={() => setSide(s)} /> {t(`verify.side.${s}`)}
              </label>
            ))}
          </div>
        )}
        {mode.kind !== 'verify' && (
          <>
            {best.length > 0 && (
              <>
                <p class="note" id="verify-best-label">
                  {t('verify.bestMatches')}
                </p>
                <ul class="plain same-matches" aria-labelledby="verify-best-label">
                  {best.map((c) => (
                    <li key={c.id} class="same-match">
                      <button type="button" class="link" aria-pressed={picked === c.id} onClick={() => setPicked(c.id)}>
                        {c.label}
                      </button>{' '}
                      <span class="match-why">{whyText(c.match!)}</span>
                      {c.match!.detail !== '' && (
                        <>
                          {' '}
                          <span class="match-detail quiet">({c.match!.detail})</span>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              </>
            )}
            <label for="verify-filter">{t('verify.filter')}</label>
            <input id="verify-filter" type="search" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
            <label for="verify-pick">{t('verify.pick')}</label>
            <select id="verify-pick" value={picked} onChange={(e) => setPicked(e.currentTarget.value)}>
              <option value="">{t('verify.pickNone')}</option>
              {shown.map((c) => (
                <option key={c.id} value={c.id}>
                  {t(c.kindKey)}: {c.label}
                  {c.match ? ` (${whyText(c.match)})` : ''}
                </option>
              ))}
            </select>
          </>
        )}
        <label for="verify-reason">{t('verify.reason')}</label>
        <textarea id="verify-reason" rows={3} aria-required="true" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        <IdentityFields idPrefix="verify" who={who} />
        <p>
          <button type="submit" class="primary">
            {t('verify.submit')}
          </button>
        </p>
      </fieldset>
      <div aria-live="polite">
        {phase.step === 'signing' && <p>{t('verify.signing')}</p>}
        {phase.step === 'publishing' && <p>{t('verify.publishing')}</p>}
        {phase.step === 'done' && <p class="verify-done">{t('verify.done')}</p>}
      </div>
      {phase.step === 'failed' && (
        <p class="error" role="alert">
          {phase.message}
        </p>
      )}
    </form>
  );
}
