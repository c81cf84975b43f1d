import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { verifyWireEvent, signEvent, checkEventShape } from '../../src/core/event.ts';
import { KeruenError } from '../../src/core/errors.ts';
import { Kind } from '../../src/core/kinds.ts';
import { buildRecord, validateRecord, parseRecord } from '../../src/core/records.ts';
import { newKey, record } from '../helpers/records.ts';

const sk = newKey();
const source = record(sk, Kind.SourceDocument, { lang: 'fr', title: 'Kazakhstan : après le soulèvement', sha256: 'ab'.repeat(32), size: 53774, mime: 'text/plain; charset=utf-8' });
const testimony = () =>
  buildRecord(Kind.Testimony, {
    lang: 'fr',
    text: 'Nous avons alors vu l’Akimat brûler.',
    witness: { description: 'une anarcha-féministe d’Almaty', firsthand: true },
    when: { from: '2022-01-05', precision: 'day', label: '5 janvier' },
    sources: [{ source: source.id, quote: 'Nous avons alors vu l’Akimat brûler.', at: [10, 46] }],
  });

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof KeruenError, `not a KeruenError: ${String(e)}`);
    return e.code;
  }
  assert.fail('expected a refusal');
}

test('a built testimony signs, verifies, validates and parses', () => {
  const t = testimony();
  assert.deepEqual(t.tags[0], ['e', source.id, '', 'source']);
  const e = verifyWireEvent(JSON.parse(JSON.stringify(signEvent(t, sk))));
  const r = parseRecord(e);
  assert.equal(r?.kind, Kind.Testimony);
  assert.equal(r?.kind === Kind.Testimony ? r.content.witness.firsthand : undefined, true);
});

test('wrong id, bad signature, broken UTF-8 and oversize are refused with their reason', () => {
  const good = signEvent(testimony(), sk);
  assert.equal(code(() => verifyWireEvent({ ...good, content: `${good.content} ` })), 'invalid_id');
  const otherSig = signEvent({ ...testimony(), created_at: 1 }, sk).sig;
  assert.equal(code(() => verifyWireEvent({ ...good, sig: otherSig })), 'invalid_signature');
  assert.equal(code(() => verifyWireEvent({ ...good, content: 'a\ud800b' })), 'invalid_event');
  assert.equal(code(() => verifyWireEvent(good, { maxEventBytes: 100 })), 'too_large');
  assert.equal(code(() => verifyWireEvent({ ...good, kind: 1.5 })), 'invalid_event');
  assert.equal(code(() => verifyWireEvent({ ...good, extra: 1 })), 'invalid_event');
});

test('domain rules: missing fields, wrong roles, uncited sources, bad times', () => {
  assert.equal(code(() => validateRecord({ kind: Kind.Testimony, tags: [], content: '{"lang":"fr"}' })), 'invalid_content');
  assert.equal(code(() => validateRecord({ kind: Kind.Testimony, tags: [], content: 'not json' })), 'invalid_content');
  const t = testimony();
  assert.equal(code(() => validateRecord({ ...t, tags: [] })), 'invalid_tags'); // citation without its e tag
  assert.equal(code(() => validateRecord({ ...t, tags: [...t.tags, ['e', source.id, '', 'target']] })), 'invalid_tags');
  assert.equal(code(() => validateRecord({ ...t, tags: [...t.tags, ['e', 'xyz', '', 'event']] })), 'invalid_tags');
  assert.equal(code(() => buildRecord(Kind.PersonStatus, { lang: 'fr', status: 'missing' })), 'invalid_tags');
  assert.equal(code(() => buildRecord(Kind.PersonStatus, { lang: 'fr', status: 'vanished' }, [{ id: source.id, role: 'person' }])), 'invalid_content');
  assert.equal(
    code(() => buildRecord(Kind.Event, { lang: 'fr', title: 't', summary: 's', categories: ['strike'], when: { from: '2022-01-05T25:00+06:00', precision: 'hour' } })),
    'invalid_content',
  );
  assert.equal(code(() => buildRecord(Kind.Translation, { lang: 'fr', from: 'fr', fields: { text: 'x' }, machine: false }, [{ id: source.id, role: 'translates' }])), 'invalid_content');
});

test('media descriptors follow NIP-94', () => {
  const ok = { kind: Kind.MediaDescriptor, content: 'Photo, 5 janvier', tags: [['x', 'a'.repeat(64)], ['m', 'image/jpeg'], ['size', '1234'], ['redaction', 'exif-gps-removed']] };
  validateRecord(ok);
  assert.equal(code(() => validateRecord({ ...ok, tags: ok.tags.slice(1) })), 'invalid_tags');
  assert.equal(code(() => validateRecord({ ...ok, tags: [...ok.tags.slice(0, 3), ['redaction', 'maybe']] })), 'invalid_tags');
});

test('hostile content never crashes validation: it is accepted or refused with a KeruenError', () => {
  const kinds = [Kind.SourceDocument, Kind.Testimony, Kind.Event, Kind.PersonOfConcern, Kind.PersonStatus, Kind.Claim, Kind.Assessment, Kind.Translation, Kind.MediaDescriptor, Kind.Deletion, Kind.Profile];
  fc.assert(
    fc.property(
      fc.constantFrom(...kinds),
      fc.oneof(fc.string({ unit: 'binary' }), fc.json(), fc.jsonValue().map((v) => JSON.stringify(v))),
      fc.array(fc.array(fc.string({ unit: 'binary' }), { maxLength: 5 }), { maxLength: 6 }),
      (kind, content, tags) => {
        try {
          validateRecord({ kind, content, tags });
        } catch (e) {
          assert.ok(e instanceof KeruenError, String(e));
          assert.ok(e.message.length > 0);
        }
      },
    ),
    { numRuns: 1000 },
  );
});

test('hostile wire events never crash the shape check', () => {
  fc.assert(
    fc.property(fc.anything(), (raw) => {
      try {
        checkEventShape(raw);
      } catch (e) {
        assert.ok(e instanceof KeruenError, String(e));
      }
    }),
    { numRuns: 500 },
  );
});
