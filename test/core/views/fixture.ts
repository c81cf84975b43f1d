/** A small real archive for the view tests: real keys, real signatures, every link kind. */
import { getPublicKey } from 'nostr-tools/pure';
import { signEvent, type VerifiedEvent } from '../../../src/core/event.ts';
import { Kind } from '../../../src/core/kinds.ts';
import type { Ref } from '../../../src/core/records.ts';
import { newKey, record } from '../../helpers/records.ts';

export const keys = { alice: newKey(), bob: newKey(), carol: newKey(), dan: newKey() };
export const pk = {
  alice: getPublicKey(keys.alice),
  bob: getPublicKey(keys.bob),
  carol: getPublicKey(keys.carol),
  dan: getPublicKey(keys.dan),
};

const T0 = 1_641_600_000;
const events: VerifiedEvent[] = [];
function add(who: keyof typeof keys, kind: number, content: unknown, refs: Ref[] = [], at = T0): VerifiedEvent {
  const e = record(keys[who], kind, content, refs, at);
  events.push(e);
  return e;
}
const profile = (who: keyof typeof keys, content: object, at: number): VerifiedEvent => {
  const e = signEvent({ kind: Kind.Profile, created_at: at, tags: [], content: JSON.stringify(content) }, keys[who]);
  events.push(e);
  return e;
};

profile('alice', { name: 'old alice' }, T0 - 100);
profile('alice', { name: 'alice', display_name: 'Aigerim' }, T0);
profile('bob', { name: 'Mirror Almaty' }, T0);

export const source = add('bob', Kind.SourceDocument, {
  lang: 'fr',
  title: 'Kazakhstan : après le soulèvement',
  publisher: 'Solidarity group',
  sha256: 'ab'.repeat(32),
  size: 53774,
  mime: 'text/plain; charset=utf-8',
});
const cite = (quote: string, at?: [number, number]) => [{ source: source.id, quote, ...(at ? { at } : {}) }];

// Testimonies: t2 is only referenced by the event, t1 only references it, t3 both ways (below).
export const t2 = add('alice', Kind.Testimony, {
  lang: 'fr',
  text: 'Nous avons alors vu l’Akimat brûler.',
  witness: { description: 'une anarcha-féministe d’Almaty', firsthand: true },
  when: { from: '2022-01-05T17:00+06:00', precision: 'hour', label: '5 janvier au soir' },
  sources: cite('Nous avons alors vu l’Akimat brûler.', [10, 46]),
});
// An event, then its correction by the same author (title fixed, testimony linked).
export const akimatV1 = add('alice', Kind.Event, {
  lang: 'en',
  title: 'Akimat on fire',
  summary: 'The akimat burned.',
  when: { from: '2022-01-05T16:00+06:00', precision: 'hour', label: '5 January, afternoon' },
  categories: ['arson'],
}, [], T0 + 10);
// t3 points at the first version and the corrected version points back at it: linked both ways.
export const t3 = add('dan', Kind.Testimony, {
  lang: 'ru',
  text: 'Я слышал выстрелы у акимата.',
  witness: { description: 'a resident of Almaty', firsthand: false, pseudonym: 'D.' },
}, [{ id: akimatV1.id, role: 'event' }], T0 + 15);
export const akimat = add('alice', Kind.Event, {
  lang: 'en',
  title: 'Almaty akimat burns',
  summary: 'The city administration building in Almaty burned during the protests.',
  when: { from: '2022-01-05T16:00+06:00', precision: 'hour', label: '5 January, afternoon' },
  where: { name: 'Almaty', names: { ru: 'Алматы' }, country: 'KZ' },
  categories: ['arson', 'protest'],
  sources: cite('Nous avons alors vu l’Akimat brûler.', [10, 46]),
}, [{ id: akimatV1.id, role: 'corrects' }, { id: t2.id, role: 'testimony' }, { id: t3.id, role: 'testimony' }], T0 + 20);

// t1 points at the OLD version only: it must still land on the corrected event.
export const t1 = add('dan', Kind.Testimony, {
  lang: 'fr',
  text: 'On a vu les soldats arriver.',
  witness: { description: 'un étudiant', firsthand: true },
  when: { from: '2022-01-05', precision: 'day' },
}, [{ id: akimatV1.id, role: 'event' }]);
export const translation = add('bob', Kind.Translation, {
  lang: 'en',
  from: 'fr',
  fields: { text: 'We saw the soldiers arrive.' },
  translator: 'Mirror Almaty',
  machine: false,
}, [{ id: t1.id, role: 'translates' }]);
add('carol', Kind.Translation, { lang: 'en', from: 'fr', fields: { text: 'Saw soldiers arriving.' }, machine: true }, [{ id: t1.id, role: 'translates' }], T0 + 50);

export const shutdown = add('alice', Kind.Event, {
  lang: 'en',
  title: 'Internet cut',
  summary: 'Mobile and fixed internet went dark.',
  when: { from: '2022-01-04T22:00+06:00', to: '2022-01-05T06:00+06:00', precision: 'hour', label: 'night of 4 to 5 January' },
  categories: ['shutdown'],
});
// Bob "corrects" Alice's event: not his record, so it replaces nothing.
export const shutdownByBob = add('bob', Kind.Event, {
  lang: 'en',
  title: 'Internet cut nationwide',
  summary: 'The whole country went dark.',
  when: { from: '2022-01-05', to: '2022-01-08', precision: 'day', label: '5 to 8 January' },
  categories: ['shutdown'],
}, [{ id: shutdown.id, role: 'corrects' }], T0 + 30);
export const square = add('bob', Kind.Event, {
  lang: 'en',
  title: 'Crowd on Republic Square',
  summary: 'Thousands gathered.',
  when: { from: '2022-01-05', precision: 'day', label: '5 January' },
  categories: ['protest'],
});
export const strike = add('bob', Kind.Event, {
  lang: 'en',
  title: 'Strike in Zhanaozen',
  summary: 'Oil workers strike over gas prices.',
  when: { from: '2022-01-02', precision: 'day' },
  categories: ['strike'],
});
export const massacre2011 = add('alice', Kind.Event, {
  lang: 'en',
  title: 'Zhanaozen massacre',
  summary: 'Police fired on striking oil workers.',
  when: { from: '2011-12', precision: 'month', label: 'December 2011' },
  categories: ['shooting'],
});

// People of concern.
export const makhambet = add('alice', Kind.PersonOfConcern, {
  lang: 'en',
  name: 'Makhambet Abzhan',
  aliases: ['Махамбет Абжан'],
  role: 'journalist',
  description: 'Detained after reporting from the square.',
});
const status = (who: keyof typeof keys, person: string, content: object, refs: Ref[] = [], at = T0) =>
  add(who, Kind.PersonStatus, { lang: 'en', ...content }, [{ id: person, role: 'person' }, ...refs], at);
export const detainedV1 = status('alice', makhambet.id, { status: 'detained', when: { from: '2022-01-07', precision: 'day' } }, [], T0 + 100);
export const detained = status(
  'alice',
  makhambet.id,
  { status: 'detained', when: { from: '2022-01-06', precision: 'day', label: '6 January' }, note: 'Taken from his flat.', sources: cite('arrêté le 6') },
  [{ id: detainedV1.id, role: 'corrects' }, { id: t2.id, role: 'evidence' }],
  T0 + 200,
);
// Released, reported BEFORE (created_at) the detention report, but later by `when`.
export const released = status('bob', makhambet.id, { status: 'released', when: { from: '2022-01-12', precision: 'day' } }, [{ id: t1.id, role: 'evidence' }], T0 + 150);

export const victim = add('alice', Kind.PersonOfConcern, { lang: 'en', name: 'Unnamed protester' });
export const killed = status('alice', victim.id, { status: 'killed', when: { from: '2022-01-05', precision: 'day' } }, [{ id: akimat.id, role: 'event' }]);
export const missing = status('bob', victim.id, { status: 'missing', when: { from: '2022-01-05', precision: 'day' } }, [], T0 + 1);
export const detainedLater = status('dan', victim.id, { status: 'detained', when: { from: '2022-01-07', precision: 'day' } }, [], T0 + 2);

// Claims and assessments.
export const bandits = add('bob', Kind.Claim, {
  lang: 'en',
  statement: '20,000 bandits attacked Almaty.',
  claimant: { name: 'Kassym-Jomart Tokayev', role: 'President' },
  said: { from: '2022-01-07', precision: 'day' },
  figure: { value: 20000, unit: 'participants', qualifier: 'about' },
  sources: cite('20 000 bandits'),
}, [{ id: akimat.id, role: 'event' }]);
const assess = (who: keyof typeof keys, target: string, verdict: string, evidence: string[], refs: Ref[] = [], at = T0 + 300) =>
  add(who, Kind.Assessment, { lang: 'en', verdict, note: `${verdict}: see evidence` }, [{ id: target, role: 'target' }, ...evidence.map((id): Ref => ({ id, role: 'evidence' })), ...refs], at);
export const carolFirst = assess('carol', bandits.id, 'supports', [t1.id], [], T0 + 300);
export const carolFixed = assess('carol', bandits.id, 'contradicts', [t1.id, t2.id], [{ id: carolFirst.id, role: 'corrects' }], T0 + 400);
export const aliceOnBandits = assess('alice', bandits.id, 'contradicts', [t2.id, t3.id, source.id], [], T0 + 350);

export const toll = add('bob', Kind.Claim, {
  lang: 'en',
  statement: '164 people died.',
  claimant: { name: 'Ministry of Health' },
  said: { from: '2022-01-15', precision: 'day' },
  figure: { value: 164, unit: 'killed', qualifier: 'exactly' },
});
assess('carol', toll.id, 'supports', [source.id]);
assess('dan', toll.id, 'contradicts', [killed.id, 'ef'.repeat(32)]);
export const foreign = add('bob', Kind.Claim, { lang: 'en', statement: 'Foreign-trained terrorists.', claimant: { name: 'Officials' } }, [], T0 - 10);
export const verified = add('bob', Kind.Claim, { lang: 'en', statement: 'The internet was cut on 5 January.', claimant: { name: 'NetBlocks' } }, [], T0 + 1);
assess('carol', verified.id, 'verifies', [shutdown.id]);

export const archive: readonly VerifiedEvent[] = events;
