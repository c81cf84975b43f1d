/**
 * The Kazakhstan January 2022 sample archive: every record verifies and validates, every
 * quote is found where its offsets say, every reference resolves, the counts the demo
 * promises hold, and a rebuild yields the same event ids.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { verifyWireEvent, type VerifiedEvent } from '../../src/core/event.ts';
import { Kind } from '../../src/core/kinds.ts';
import { readRefs, validateRecord, type Citation } from '../../src/core/records.ts';
import { SOURCES } from '../../samples/kazakhstan-2022-01/archive.data.ts';

const DIR = fileURLToPath(new URL('../../samples/kazakhstan-2022-01/', import.meta.url));
const BUILD = join(DIR, 'build.ts');

function readArchive(file: string): VerifiedEvent[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => verifyWireEvent(JSON.parse(l)));
}

const events = readArchive(join(DIR, 'archive.jsonl'));
const byId = new Map<string, VerifiedEvent>(events.map((e) => [e.id, e]));
const ofKind = (kind: number): VerifiedEvent[] => events.filter((e) => e.kind === kind);
const contentOf = <T = Record<string, unknown>>(e: VerifiedEvent): T => JSON.parse(e.content) as T;
const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();
const refsOf = (e: VerifiedEvent) => readRefs(String(e.kind), e.tags);

/** Source document event id → the text of its file (matched by title, checked by sha256). */
const sourceTexts = new Map<string, string>();
for (const doc of ofKind(Kind.SourceDocument)) {
  const c = contentOf<{ title: string; sha256: string; size: number }>(doc);
  const spec = SOURCES.find((s) => s.content.title === c.title);
  assert.ok(spec, `no source file for "${c.title}"`);
  const bytes = readFileSync(join(DIR, 'sources', spec.file));
  assert.equal(c.sha256, bytesToHex(sha256(bytes)), `${spec.file}: sha256 differs from the source document's`);
  assert.equal(c.size, bytes.length);
  sourceTexts.set(doc.id, new TextDecoder('utf-8', { fatal: true }).decode(bytes));
}

void test('every line verifies (id, signature) and validates as a Keruen record', () => {
  assert.ok(events.length > 100);
  for (const e of events) assert.doesNotThrow(() => validateRecord(e), `${e.id} (kind ${e.kind})`);
  assert.equal(byId.size, events.length, 'duplicate ids');
});

void test('both source documents are in the archive and match their files', () => {
  assert.equal(sourceTexts.size, 2);
  for (const m of ofKind(Kind.MediaDescriptor)) {
    const x = m.tags.find((t) => t[0] === 'x')?.[1];
    const doc = [...sourceTexts.keys()].map((id) => contentOf<{ sha256: string }>(byId.get(id)!)).find((c) => c.sha256 === x);
    assert.ok(doc, `media ${m.id} describes no source file`);
  }
});

void test('every citation: its slice of the source, whitespace collapsed, is its quote', () => {
  let n = 0;
  for (const e of events) {
    if (e.kind === Kind.Profile || e.kind === Kind.MediaDescriptor || e.kind === Kind.SourceDocument) continue;
    for (const c of contentOf<{ sources?: Citation[] }>(e).sources ?? []) {
      const text = sourceTexts.get(c.source);
      assert.ok(text !== undefined, `${e.id}: cites ${c.source}, not a source document of the archive`);
      assert.ok(c.at, `${e.id}: citation without offsets`);
      assert.equal(collapse(text.slice(c.at[0], c.at[1])), c.quote, `${e.id}: quote does not match its offsets`);
      n++;
    }
  }
  assert.ok(n >= 100, `only ${n} citations`);
});

void test('every "e" reference resolves to an event of the archive, dated no later than the record', () => {
  for (const e of events) {
    for (const tag of e.tags.filter((t) => t[0] === 'e')) {
      const target = byId.get(tag[1]!);
      assert.ok(target, `${e.id}: dangling reference ${tag[1]} (${tag[3]})`);
      assert.ok(target.created_at <= e.created_at, `${e.id}: references a later record`);
    }
  }
});

void test('at least 20 events from 1 to 10 January 2022, plus events in 1986 and 2011', () => {
  const whens = ofKind(Kind.Event).map((e) => contentOf<{ when: { from: string } }>(e).when.from);
  const january = whens.filter((f) => /^2022-01-(0[1-9]|10)/.test(f));
  assert.ok(january.length >= 20, `only ${january.length} events in 2022-01-01..10`);
  assert.ok(whens.some((f) => f.startsWith('1986')));
  assert.ok(whens.some((f) => f.startsWith('2011')));
});

void test('testimonies: at least 12, linked to events, each citing its passage', () => {
  const testimonies = ofKind(Kind.Testimony);
  assert.ok(testimonies.length >= 12);
  for (const t of testimonies) assert.ok((contentOf<{ sources?: unknown[] }>(t).sources ?? []).length >= 1);
  assert.ok(testimonies.filter((t) => refsOf(t).some((r) => r.role === 'event' && byId.get(r.id)?.kind === Kind.Event)).length >= 12);
});

void test('at least 8 claims, each with at least one assessment targeting it', () => {
  const claims = ofKind(Kind.Claim);
  assert.ok(claims.length >= 8);
  const assessments = ofKind(Kind.Assessment);
  for (const c of claims) {
    const on = assessments.filter((a) => refsOf(a).some((r) => r.role === 'target' && r.id === c.id));
    assert.ok(on.length >= 1, `claim ${contentOf<{ statement: string }>(c).statement} has no assessment`);
  }
  for (const a of assessments) assert.ok(refsOf(a).filter((r) => r.role === 'evidence').length >= 1);
});

void test('every status report cites a passage and points at a person of concern', () => {
  const statuses = ofKind(Kind.PersonStatus);
  assert.ok(statuses.length >= 10);
  for (const s of statuses) {
    assert.ok((contentOf<{ sources?: unknown[] }>(s).sources ?? []).length >= 1, `${s.id} cites nothing`);
    const person = refsOf(s).find((r) => r.role === 'person');
    assert.equal(byId.get(person!.id)?.kind, Kind.PersonOfConcern);
  }
});

void test('at least 6 translations into English, each of a testimony', () => {
  const translations = ofKind(Kind.Translation);
  assert.ok(translations.length >= 6);
  for (const t of translations) {
    assert.equal(contentOf<{ lang: string }>(t).lang, 'en');
    const target = refsOf(t).find((r) => r.role === 'translates');
    assert.equal(byId.get(target!.id)?.kind, Kind.Testimony);
  }
});

void test('every profile is marked as a demo identity, and every author has one', () => {
  const profiles = ofKind(Kind.Profile);
  assert.ok(profiles.length >= 5);
  for (const p of profiles) {
    const c = contentOf<{ demo?: boolean; about?: string }>(p);
    assert.equal(c.demo, true);
    assert.match(c.about ?? '', /DEMO/);
  }
  const profiled = new Set(profiles.map((p) => p.pubkey));
  for (const e of events) assert.ok(profiled.has(e.pubkey), `${e.id}: author without a demo profile`);
});

void test('a rebuild into a temporary directory yields the same event ids', () => {
  const out = mkdtempSync(join(tmpdir(), 'keruen-sample-'));
  try {
    const r = spawnSync(process.execPath, ['--import', 'tsx', BUILD, out], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const rebuilt = readArchive(join(out, 'archive.jsonl'));
    assert.deepEqual(new Set(rebuilt.map((e) => e.id)), new Set(events.map((e) => e.id)));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
