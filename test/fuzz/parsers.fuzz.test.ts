/**
 * The fuzz budget: every parser that reads outside input, fed hostile input by fast-check, at
 * least 100,000 cases in a CI run (counted, not assumed: the last test checks the total).
 * `npm run fuzz` multiplies every budget (FUZZ_SCALE=10 by default there).
 * Properties: no crash other than a coded KeruenError, no hang, nothing invalid accepted.
 * Transport-level fuzzing (raw WebSocket frames, HTTP bodies over sockets, bundles on disk) lives
 * beside each part (test/relay/hostile.test.ts, test/node/*, test/sync/bundle*.test.ts); this file
 * drives the same parsers directly, where 100,000 cases take seconds.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { generateSecretKey } from 'nostr-tools/pure';
import { isKeruenError } from '../../src/core/errors.ts';
import { checkEventShape, signEvent, verifyWireEvent, MAX_EVENT_BYTES } from '../../src/core/event.ts';
import { DOMAIN_KINDS } from '../../src/core/kinds.ts';
import { validateRecord } from '../../src/core/records.ts';
import { parseApproxTime } from '../../src/core/parse-time.ts';
import { approxTimeSchema } from '../../src/core/time.ts';
import { parseClientMessage } from '../../src/relay/messages.ts';
import { DEFAULT_LIMITS } from '../../src/relay/limits.ts';
import { plainWireEvent, lineWithinLimit } from '../../src/store/wire-shape.ts';
import { Negentropy, VectorStorage } from '../../src/sync/negentropy/index.ts';
import { createWebApp } from '../../src/node/web-app.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';

const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const budget = (n: number) => Math.max(1, Math.round(n * SCALE));
let executed = 0;
const counted = <T extends unknown[]>(check: (...args: T) => void) => (...args: T): void => {
  executed++;
  check(...args);
};

/** What every parser may do with bad input: return a refusal, or throw a coded KeruenError. */
function onlyCodedErrors(run: () => unknown): unknown {
  try {
    return run();
  } catch (e) {
    assert.ok(isKeruenError(e), `threw something other than a KeruenError: ${String(e)}`);
    return undefined;
  }
}

const hex = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: min, maxLength: max });
const sk = generateSecretKey();
const valid = signEvent({ kind: 1, created_at: 1_641_340_800, tags: [['t', 'almaty']], content: 'Площадь Республики, 5 января' }, sk);

/** Near-valid shapes find more bugs than noise: a real event with one field replaced. */
const mutatedEvent = fc.record({
  field: fc.constantFrom('id', 'pubkey', 'sig', 'kind', 'created_at', 'tags', 'content', 'extra'),
  value: fc.oneof(fc.anything(), fc.string(), fc.integer(), fc.double(), fc.array(fc.array(fc.string())), hex(63, 65)),
}).map(({ field, value }) => ({ ...valid, [field]: value }));

const hostileText = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.json(),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string({ unit: fc.constantFrom('[', ']', '{', '}', '"', ',', ':', '\\', 'u', 'E', 'V', 'N', 'T', '0', '\u0000', '\ud800') }),
);

const relayMessage = fc.oneof(
  hostileText,
  fc.tuple(fc.constantFrom('EVENT', 'REQ', 'CLOSE', 'COUNT', 'NEG-OPEN', 'NEG-MSG', 'NEG-CLOSE', 'AUTH', 'KRS-OPEN', 'event', ''), fc.array(fc.anything(), { maxLength: 4 })).map(([verb, rest]) => JSON.stringify([verb, ...rest])),
  fc.tuple(fc.string({ maxLength: 70 }), fc.array(fc.dictionary(fc.constantFrom('ids', 'authors', 'kinds', '#e', '#p', 'since', 'until', 'limit', 'search', 'x'), fc.anything()), { maxLength: 12 })).map(([sub, filters]) => JSON.stringify(['REQ', sub, ...filters])),
  mutatedEvent.map((e) => JSON.stringify(['EVENT', e])),
);

void test('relay messages: any text is parsed or refused with a reason, never a crash', () => {
  fc.assert(
    fc.property(
      relayMessage,
      counted((text: string) => {
        const r = parseClientMessage(text, DEFAULT_LIMITS);
        if (!r.ok) assert.ok(isKeruenError(r.error) && r.error.message.length > 0);
        else assert.ok(['EVENT', 'REQ', 'CLOSE', 'COUNT', 'NEG', 'AUTH'].includes(r.message.type), r.message.type);
      }),
    ),
    { numRuns: budget(25_000) },
  );
});

void test('events: shape checks refuse every mutation of a signed event with a coded error', () => {
  fc.assert(
    fc.property(
      fc.oneof(mutatedEvent, fc.anything()),
      counted((raw: unknown) => {
        const shaped = onlyCodedErrors(() => checkEventShape(raw, { maxEventBytes: MAX_EVENT_BYTES }));
        // A mutation that still has the right shape must fail its id or signature check.
        if (shaped !== undefined && JSON.stringify(raw) !== JSON.stringify(valid)) {
          assert.throws(() => verifyWireEvent(raw), (e: unknown) => isKeruenError(e));
        }
      }),
    ),
    { numRuns: budget(15_000) },
  );
});

void test('records: any content under any domain kind validates or is refused with a coded error', () => {
  const content = fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify(v)), fc.dictionary(fc.constantFrom('lang', 'text', 'name', 'title', 'status', 'when', 'where', 'statement', 'claimant', 'citations', 'url', 'sha256', 'verdict'), fc.jsonValue()).map((v) => JSON.stringify(v)));
  const tags = fc.array(fc.array(fc.oneof(fc.constantFrom('e', 'p', 'x', 'L', 'l', 'subject', 'source', 'about'), fc.string(), hex(64, 64)), { maxLength: 5 }), { maxLength: 6 });
  fc.assert(
    fc.property(
      fc.constantFrom(...DOMAIN_KINDS),
      content,
      tags,
      counted((kind: number, text: string, t: string[][]) => {
        onlyCodedErrors(() => validateRecord({ kind, content: text, tags: t }));
      }),
    ),
    { numRuns: budget(20_000) },
  );
});

void test('JSONL lines: the wire-shape pre-check takes or leaves any line without throwing', () => {
  fc.assert(
    fc.property(
      fc.oneof(hostileText, mutatedEvent.map((e) => JSON.stringify(e))),
      counted((line: string) => {
        lineWithinLimit(line, MAX_EVENT_BYTES);
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch {
          return;
        }
        const shaped = plainWireEvent(value);
        if (shaped !== undefined) assert.equal(typeof shaped.id, 'string');
      }),
    ),
    { numRuns: budget(20_000) },
  );
});

void test('times: any text gives a time range or a coded error', () => {
  fc.assert(
    fc.property(
      fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom('0', '1', '2', '9', '-', 'T', ':', 'Z', '+', '/', ' ', '.') }), fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, fc.sample(fc.integer({ min: 4, max: 24 }), 1)[0]))),
      counted((text: string) => {
        const t = onlyCodedErrors(() => parseApproxTime(text));
        // Whatever it returns must be a time the record schema accepts (range in order, right precision).
        if (t !== undefined) assert.ok(approxTimeSchema.safeParse(t).success, `${text} gave ${JSON.stringify(t)}`);
      }),
    ),
    { numRuns: budget(10_000) },
  );
});

void test('negentropy: a responder fed any bytes answers or refuses with a coded error', () => {
  const items = Array.from({ length: 50 }, (_, i) => ({ created_at: 1000 + i, id: i.toString(16).padStart(2, '0').repeat(32) }));
  fc.assert(
    fc.property(
      fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 40 }).map((b) => Uint8Array.from([0x61, ...b]))),
      counted((bytes: Uint8Array) => {
        const neg = new Negentropy(VectorStorage.from(items), 'responder', { frameSizeLimit: 60_000 });
        onlyCodedErrors(() => neg.reconcile(bytes));
      }),
    ),
    { numRuns: budget(10_000) },
  );
});

void test('HTTP API: any method, path and body gets an HTTP answer, never a crash or a 500', async () => {
  const store = SqliteStore.open(':memory:');
  const errors: unknown[] = [];
  const app = createWebApp({ store, relayUrl: () => 'ws://127.0.0.1:1', distDir: '/nonexistent', onError: (e) => errors.push(e) });
  after(() => store.close());
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('GET', 'POST', 'PUT', 'HEAD', 'DELETE', 'OPTIONS'),
      fc.oneof(fc.constantFrom('/api/pair', '/api/records', '/api/events', '/upload', '/status', '/api/peers', `/${'a'.repeat(64)}`, '/.well-known/keruen/relay'), fc.webPath()),
      fc.oneof(fc.constant(undefined), hostileText),
      async (method: string, path: string, body: string | undefined) => {
        executed++;
        const init: RequestInit = { method, headers: { host: '127.0.0.1:7777', 'content-type': 'application/json' } };
        if (body !== undefined && method !== 'GET' && method !== 'HEAD') init.body = body;
        const res = await app.request(`http://127.0.0.1:7777${path.startsWith('/') ? path : `/${path}`}`, init);
        assert.ok(res.status < 500, `${method} ${path} answered ${res.status}`);
        await res.arrayBuffer();
      },
    ),
    { numRuns: budget(3_000) },
  );
  assert.deepEqual(errors, [], 'no request reached the error handler');
});

void test('the CI run fuzzed at least 100,000 cases', () => {
  assert.ok(executed >= budget(100_000), `only ${executed} cases ran`);
});
