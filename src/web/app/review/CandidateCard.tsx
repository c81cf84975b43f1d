/**
 * One candidate: its kind, the passage with the matched words, its fields, and the reviewer's
 * three acts: accept (sign and publish as proposed), edit then accept, reject. For people, the
 * other spellings the article uses and the existing records that may be the same person; "same
 * as" is only ever the reviewer's choice, and publishes an assessment with their reason.
 */
import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { Candidate, Passage } from '../../../core/extract/types.ts';
import { EVENT_CATEGORIES, FIGURE_UNITS } from '../../../core/records.ts';
import type { ApproxTime } from '../../../core/time.ts';
import { SaveError, type NodeIdentity } from '../capture/publish.ts';
import { formatApprox } from '../explore/format.ts';
import { useI18n, type MessageKey } from '../i18n/index.ts';
import type { Decision } from './decisions.ts';
import { contentFrom, fieldsOf, FieldError, QUALIFIERS, type Fields } from './edit.ts';
import { PassageView } from './PassageView.tsx';
import { samePersonChoices, type ExistingPerson, type PersonChoice } from './people.ts';
import { publishAccepted } from './sign.ts';

export interface Signer {
  identity: NodeIdentity | undefined;
  passphrase: string;
}

type Phase = { step: 'idle' } | { step: 'signing' } | { step: 'publishing' } | { step: 'failed'; message: string };

/** An id-safe form of the candidate's key ("person:12-20" → "rv-person-12-20"). */
export const domIdOf = (key: string) => `rv-${key.replace(/[^a-z0-9-]/gi, '-')}`;

const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function labelOf(c: Candidate): string {
  const x = c.content;
  if (c.kind === 'event') return str(x.title);
  if (c.kind === 'person') return str(x.name);
  const claimant = (x.claimant ?? {}) as { name?: unknown };
  return `${str(claimant.name)}: ${str(x.statement).slice(0, 80)}${str(x.statement).length > 80 ? '…' : ''}`;
}

function reasonKey(reason: string): MessageKey {
  return `review.reason.${reason}` as MessageKey;
}

function Field({ label, children }: { label: MessageKey; children: ComponentChildren }) {
  const { t } = useI18n();
  return (
    <div>
      <dt>{t(label)}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The proposal as the record will say it. */
function ContentView({ c }: { c: Candidate }) {
  const i18n = useI18n();
  const { t } = i18n;
  const x = c.content;
  const lang = str(x.lang);
  const time = (v: unknown) => (typeof v === 'object' && v !== null ? formatApprox(v as ApproxTime, i18n) : '');
  if (c.kind === 'event')
    return (
      <dl class="fields rv-fields">
        <Field label="review.field.title"><span lang={lang}>{str(x.title)}</span></Field>
        <Field label="review.field.summary"><span lang={lang}>{str(x.summary)}</span></Field>
        <Field label="review.field.when">{time(x.when) || '—'}</Field>
        <Field label="review.field.where">{str((x.where as { name?: unknown } | undefined)?.name) || '—'}</Field>
        <Field label="review.field.categories">{(Array.isArray(x.categories) ? x.categories : []).map((k) => t(`cat.${String(k)}` as MessageKey)).join(', ')}</Field>
      </dl>
    );
  if (c.kind === 'person')
    return (
      <dl class="fields rv-fields">
        <Field label="review.field.name"><span lang={lang}>{str(x.name)}</span></Field>
        <Field label="review.field.aliases">{Array.isArray(x.aliases) && x.aliases.length > 0 ? x.aliases.join(', ') : '—'}</Field>
        <Field label="review.field.role"><span lang={lang}>{str(x.role) || '—'}</span></Field>
      </dl>
    );
  const claimant = (x.claimant ?? {}) as { name?: unknown; role?: unknown };
  const figure = x.figure as { value: number; unit: string; qualifier?: string } | undefined;
  return (
    <dl class="fields rv-fields">
      <Field label="review.field.statement"><span lang={lang}>{str(x.statement)}</span></Field>
      <Field label="review.field.claimant"><span lang={lang}>{str(claimant.name)}</span></Field>
      <Field label="review.field.role"><span lang={lang}>{str(claimant.role) || '—'}</span></Field>
      <Field label="review.field.said">{time(x.said) || '—'}</Field>
      <Field label="review.field.figure">
        {figure ? `${t(`qualifier.${figure.qualifier ?? 'exactly'}` as MessageKey, { value: i18n.formatNumber(figure.value) })} (${t(`unit.${figure.unit}` as MessageKey)})` : '—'}
      </Field>
    </dl>
  );
}

function TextInput({ id, label, value, onInput, multiline, invalid }: { id: string; label: MessageKey; value: string; onInput: (v: string) => void; multiline?: boolean; invalid?: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <label for={id}>{t(label)}</label>
      {multiline ? (
        <textarea id={id} rows={3} value={value} aria-invalid={invalid ? 'true' : undefined} onInput={(e) => onInput(e.currentTarget.value)} />
      ) : (
        <input id={id} type="text" value={value} aria-invalid={invalid ? 'true' : undefined} onInput={(e) => onInput(e.currentTarget.value)} />
      )}
    </>
  );
}

/** The editable fields of each kind. */
function EditFields({ idp, f, set, badField }: { idp: string; f: Fields; set: (f: Fields) => void; badField: string | undefined }) {
  const { t } = useI18n();
  if (f.kind === 'event')
    return (
      <>
        <TextInput id={`${idp}-title`} label="review.field.title" value={f.title} onInput={(v) => set({ ...f, title: v })} />
        <TextInput id={`${idp}-summary`} label="review.field.summary" value={f.summary} multiline onInput={(v) => set({ ...f, summary: v })} />
        <TextInput id={`${idp}-when`} label="review.field.whenEdit" value={f.when} invalid={badField === 'when'} onInput={(v) => set({ ...f, when: v })} />
        <TextInput id={`${idp}-where`} label="review.field.where" value={f.where} onInput={(v) => set({ ...f, where: v })} />
        <fieldset class="rv-categories">
          <legend>{t('review.field.categories')}</legend>
          {EVENT_CATEGORIES.map((k) => (
            <label key={k} class="cap-check">
              <input type="checkbox" checked={f.categories.includes(k)} onChange={(e) => set({ ...f, categories: e.currentTarget.checked ? [...f.categories, k] : f.categories.filter((x) => x !== k) })} /> {t(`cat.${k}` as MessageKey)}
            </label>
          ))}
        </fieldset>
      </>
    );
  if (f.kind === 'person')
    return (
      <>
        <TextInput id={`${idp}-name`} label="review.field.name" value={f.name} onInput={(v) => set({ ...f, name: v })} />
        <TextInput id={`${idp}-aliases`} label="review.field.aliasesEdit" value={f.aliases} onInput={(v) => set({ ...f, aliases: v })} />
        <TextInput id={`${idp}-role`} label="review.field.role" value={f.role} onInput={(v) => set({ ...f, role: v })} />
      </>
    );
  return (
    <>
      <TextInput id={`${idp}-statement`} label="review.field.statement" value={f.statement} multiline onInput={(v) => set({ ...f, statement: v })} />
      <TextInput id={`${idp}-claimant`} label="review.field.claimant" value={f.claimant} onInput={(v) => set({ ...f, claimant: v })} />
      <TextInput id={`${idp}-role`} label="review.field.role" value={f.role} onInput={(v) => set({ ...f, role: v })} />
      <TextInput id={`${idp}-said`} label="review.field.saidEdit" value={f.said} invalid={badField === 'said'} onInput={(v) => set({ ...f, said: v })} />
      <TextInput id={`${idp}-figure`} label="review.field.figureValue" value={f.figureValue} invalid={badField === 'figure'} onInput={(v) => set({ ...f, figureValue: v })} />
      <label for={`${idp}-unit`}>{t('review.field.figureUnit')}</label>
      <select id={`${idp}-unit`} value={f.figureUnit} onChange={(e) => set({ ...f, figureUnit: e.currentTarget.value })}>
        {FIGURE_UNITS.map((u) => (
          <option key={u} value={u}>
            {t(`unit.${u}` as MessageKey)}
          </option>
        ))}
      </select>
      <label for={`${idp}-qualifier`}>{t('review.field.figureQualifier')}</label>
      <select id={`${idp}-qualifier`} value={f.figureQualifier} onChange={(e) => set({ ...f, figureQualifier: e.currentTarget.value })}>
        <option value="">{t('review.qualifier.none')}</option>
        {QUALIFIERS.map((q) => (
          <option key={q} value={q}>
            {t(`review.qualifier.${q}` as MessageKey)}
          </option>
        ))}
      </select>
    </>
  );
}

function matchText(choice: PersonChoice, t: (k: MessageKey, v?: Record<string, string | number>) => string): string {
  return t('review.matchScore', { score: Math.round(choice.match.score * 100), reason: t(reasonKey(choice.match.reason)) });
}

/** Other spellings in the article, and who in the archive this person may be. */
function PersonLinks({ c, idp, choices, sameAs, setSameAs, note, setNote }: { c: Candidate; idp: string; choices: PersonChoice[]; sameAs: string; setSameAs: (id: string, note: string) => void; note: string; setNote: (s: string) => void }) {
  const { t } = useI18n();
  const lang = str(c.content.lang);
  return (
    <>
      {c.variants !== undefined && c.variants.length > 0 && (
        <div class="rv-variants">
          <p class="label">{t('review.variants')}</p>
          <ul class="plain">
            {c.variants.map((v) => (
              <li key={`${v.at[0]}`}>
                <span lang={lang}>{v.name}</span> <span class="note">— {t(reasonKey(v.match.reason))}, {Math.round(v.match.score * 100)} % ({v.match.detail})</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <fieldset class="rv-same">
        <legend>{t('review.sameQuestion')}</legend>
        <label class="cap-check">
          <input type="radio" name={`${idp}-same`} value="" checked={sameAs === ''} onChange={() => setSameAs('', '')} /> {t('review.sameNone')}
        </label>
        {choices.map((ch) => (
          <label key={ch.person.id} class="cap-check">
            <input type="radio" name={`${idp}-same`} value={ch.person.id} checked={sameAs === ch.person.id} onChange={() => setSameAs(ch.person.id, t('review.sameReasonDefault', { reason: t(reasonKey(ch.match.reason)), detail: ch.match.detail }))} />{' '}
            {ch.match.reason === 'namesake' ? t('review.sameNamesake', { name: ch.person.name }) : t('review.sameAsName', { name: ch.person.name })} <span class="note">({matchText(ch, t)})</span>{' '}
            <a href={`/record/${ch.person.id}`} target="_blank" rel="noopener">
              {t('review.openRecord')}
            </a>
          </label>
        ))}
        {choices.length === 0 && <p class="note">{t('review.sameNoChoice')}</p>}
        {sameAs !== '' && <TextInput id={`${idp}-same-reason`} label="review.sameReason" value={note} multiline onInput={setNote} />}
      </fieldset>
    </>
  );
}

export function CandidateCard({
  c,
  text,
  passage,
  decision,
  persons,
  signer,
  reference,
  onDecide,
}: {
  c: Candidate;
  text: string;
  passage: Passage | undefined;
  decision: Decision | undefined;
  persons: readonly ExistingPerson[];
  signer: Signer;
  /** The article's day, for times typed in words. */
  reference: string | undefined;
  onDecide: (d: Decision | undefined) => void;
}) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const idp = domIdOf(c.key);
  const [editing, setEditing] = useState(false);
  const [fields, setFields] = useState<Fields>(() => fieldsOf(c));
  const [badField, setBadField] = useState<string | undefined>();
  const [sameAs, setSameAsId] = useState('');
  const [sameNote, setSameNote] = useState('');
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const lang = str(c.content.lang);
  const name = str(c.content.name);
  // Memoized: the page re-renders every card on each keystroke of the passphrase.
  const choices = useMemo(() => (c.kind === 'person' && decision === undefined ? samePersonChoices(name, persons) : []), [c.kind, name, persons, decision]);

  const accept = async (edited: boolean) => {
    setBadField(undefined);
    if (signer.identity === undefined) return setPhase({ step: 'failed', message: t('verify.noIdentity') });
    if (signer.passphrase === '') return setPhase({ step: 'failed', message: t('review.needPassphrase') });
    if (sameAs !== '' && sameNote.trim() === '') return setPhase({ step: 'failed', message: t('review.needSameReason') });
    try {
      const content = edited ? await contentFrom(c, fields, reference) : c.content;
      const same = sameAs !== '' ? { id: sameAs, note: sameNote, lang: locale } : undefined;
      const done = await publishAccepted(c.kind, content, same, signer.identity, signer.passphrase, (p) => setPhase({ step: p }));
      setPhase({ step: 'idle' });
      setEditing(false);
      onDecide({ act: 'accepted', kind: c.kind, at: Date.now(), record: done.record.id, ...(done.assessment ? { assessment: done.assessment.id } : {}) });
    } catch (e) {
      if (e instanceof FieldError) setBadField(e.field);
      const message =
        e instanceof SaveError && e.stage === 'passphrase'
          ? t('verify.badPassphrase')
          : t('verify.failed', { reason: e instanceof SaveError ? e.reason : e instanceof Error ? e.message : String(e) });
      setPhase({ step: 'failed', message });
    }
  };

  const busy = phase.step === 'signing' || phase.step === 'publishing';
  const kindLabel = t(`review.kind.${c.kind}` as MessageKey);
  return (
    <article class={`rv-card rv-${c.kind}${decision ? ` rv-${decision.act}` : ''}`} id={idp} data-key={c.key} aria-labelledby={`${idp}-h`}>
      <h3 id={`${idp}-h`}>
        <span class="ref-kind">{kindLabel}</span> <span lang={lang}>{labelOf(c)}</span>
      </h3>
      {passage !== undefined && <PassageView text={text} passage={passage.at} quote={c.at} marks={c.mentions.map((m) => m.at)} lang={lang} />}
      <p class="note rv-anchor">{t('review.anchor', { anchor: c.passage })}</p>
      {decision?.act === 'accepted' && (
        <p class="rv-outcome" role="status">
          {t('review.accepted')} <a href={`/record/${decision.record ?? ''}`}>{t('review.seeRecord')}</a>
          {decision.assessment !== undefined && (
            <>
              {' · '}
              <a href={`/record/${decision.assessment}`}>{t('review.seeAssessment')}</a>
            </>
          )}
        </p>
      )}
      {decision?.act === 'rejected' && (
        <p class="rv-outcome">
          {t('review.rejected')}{' '}
          <button type="button" onClick={() => onDecide(undefined)}>
            {t('review.undoReject')}
          </button>
        </p>
      )}
      {decision === undefined && (
        <form
          class="cap-form rv-form"
          aria-label={t('review.actsOn', { kind: kindLabel })}
          onSubmit={(e) => {
            e.preventDefault();
            void accept(editing);
          }}
        >
          <fieldset disabled={busy} class="rv-plain">
            {editing ? <EditFields idp={idp} f={fields} set={setFields} badField={badField} /> : <ContentView c={c} />}
            {c.kind === 'person' && (
              <PersonLinks
                c={c}
                idp={idp}
                choices={choices}
                sameAs={sameAs}
                setSameAs={(id, note) => {
                  setSameAsId(id);
                  setSameNote(note);
                }}
                note={sameNote}
                setNote={setSameNote}
              />
            )}
            <p class="rv-acts">
              <button type="submit" class="primary">
                {editing ? t('review.acceptEdited') : sameAs !== '' ? t('review.acceptSame') : t('review.accept')}
              </button>{' '}
              {editing ? (
                <button
                  type="button"
                  onClick={() => {
                    setEditing(false);
                    setFields(fieldsOf(c));
                    setBadField(undefined);
                  }}
                >
                  {t('review.cancelEdit')}
                </button>
              ) : (
                <button type="button" onClick={() => setEditing(true)}>
                  {t('review.edit')}
                </button>
              )}{' '}
              <button type="button" class="rv-reject" onClick={() => onDecide({ act: 'rejected', kind: c.kind, at: Date.now() })}>
                {t('review.reject')}
              </button>
            </p>
          </fieldset>
          <div aria-live="polite">
            {phase.step === 'signing' && <p>{t('verify.signing')}</p>}
            {phase.step === 'publishing' && <p>{t('verify.publishing')}</p>}
          </div>
          {phase.step === 'failed' && (
            <p class="error" role="alert">
              {phase.message}
            </p>
          )}
        </form>
      )}
    </article>
  );
}
