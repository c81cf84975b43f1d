/**
 * Claims against evidence: who said what and when, the figure if any, where the claim stands
 * (put in words from the standing's code and counts, in the reader's language), and every
 * curator's signed assessment with the evidence it rests on.
 */
import type { AssessmentView, ClaimView, Standing } from '../../../core/views/index.ts';
import { ArchiveGate } from '../components/ArchiveGate.tsx';
import { Attribution } from '../components/Attribution.tsx';
import { Citations } from '../components/Citations.tsx';
import { RefList } from '../components/RefList.tsx';
import { TimeText } from '../components/TimeText.tsx';
import { Translatable } from '../components/Translatable.tsx';
import { figureText, standingText } from '../explore/claim-text.ts';
import { claimsOf } from '../explore/views.ts';
import { useI18n } from '../i18n/index.ts';
import { Sources } from '../verify/Sources.tsx';

const STANDING_ICON: Record<Standing['code'], string> = { supported: '✓', contradicted: '✗', disputed: '⇄', unassessed: '…' };

function Assessment({ a }: { a: AssessmentView }) {
  const { t } = useI18n();
  return (
    <li class="assessment">
      <p>
        <span class={`verdict verdict-${a.verdict}`}>{t(`verdict.${a.verdict}`)}</span>
      </p>
      <p lang={a.lang}>{a.note}</p>
      <Citations list={a.citations} />
      {a.evidence.length > 0 && (
        <>
          <p class="label">{t('claims.evidence')}</p>
          <RefList refs={a.evidence} />
        </>
      )}
      <Attribution a={a.attribution} id={a.id} label="claims.assessedBy" />
    </li>
  );
}

function Claim({ c }: { c: ClaimView }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <article class="claim" id={`claim-${c.id.slice(0, 12)}`}>
      <h2>
        <span lang={c.lang}>{c.claimant.name}</span>
        {c.claimant.role !== undefined && (
          <span class="claimant-role" lang={c.lang}>
            {' '}
            ({c.claimant.role})
          </span>
        )}
      </h2>
      {c.said && (
        <p class="meta">
          {t('claims.said', { time: '' })}
          <TimeText when={c.said} lang={c.lang} />
        </p>
      )}
      <Translatable text={c.statement} lang={c.lang} translations={c.translations} field="statement" />
      {c.figure && (
        <p class="figure">
          {t('claims.figure')}: <strong>{figureText(c.figure, i18n)}</strong>
        </p>
      )}
      <div class={`standing standing-${c.standing.code}`}>
        <p class="label">{t('claims.standing')}</p>
        <p>
          <span aria-hidden="true">{STANDING_ICON[c.standing.code]} </span>
          {standingText(c.standing, i18n)}
        </p>
        {c.corroboration.support.records > 0 && <Sources c={c.corroboration.support} label={t('verify.support')} />}
        {c.corroboration.contradiction.records > 0 && <Sources c={c.corroboration.contradiction} label={t('verify.contradiction')} />}
        <p>
          <a href={`/record/${c.id}#verify`}>{t('verify.linkEvidence')}</a>
        </p>
      </div>
      <Citations list={c.citations} />
      {c.events.length > 0 && (
        <>
          <p class="label">{t('claims.events')}</p>
          <RefList refs={c.events} />
        </>
      )}
      <Attribution a={c.attribution} id={c.id} />
      <h3>{t('claims.assessments')}</h3>
      {c.assessments.length === 0 ? (
        <p>{t('claims.none')}</p>
      ) : (
        <ul class="plain assessments">
          {c.assessments.map((a) => (
            <Assessment key={a.id} a={a} />
          ))}
        </ul>
      )}
    </article>
  );
}

export function ClaimsPage() {
  const { t } = useI18n();
  return (
    <section>
      <h1>{t('nav.claims')}</h1>
      <p class="intro">{t('claims.intro')}</p>
      <ArchiveGate>
        {(a) => {
          const claims = claimsOf(a.index);
          return (
            <>
              <p>{t('claims.count', { count: claims.length })}</p>
              {claims.map((c) => (
                <Claim key={c.id} c={c} />
              ))}
            </>
          );
        }}
      </ArchiveGate>
    </section>
  );
}
