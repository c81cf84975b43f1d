/** docs/protocol.md must agree with the code: kind numbers, and real, valid examples from the sample archive. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { verifyWireEvent } from '../../src/core/event.ts';
import { Kind, kindSlugs } from '../../src/core/kinds.ts';
import { validateRecord, KIND_SPECS } from '../../src/core/records.ts';
import { SAMPLE_ARCHIVE } from '../../src/node/sample.ts';

const doc = readFileSync(new URL('../../docs/protocol.md', import.meta.url), 'utf8');
const archiveIds = new Set(
  readFileSync(SAMPLE_ARCHIVE, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => (JSON.parse(l) as { id: string }).id),
);

test('the kind table gives the numbers the code uses', () => {
  for (const [kind, spec] of Object.entries(KIND_SPECS)) {
    assert.match(doc, new RegExp(`\\| ${kind} \\| ${spec.name} \\|`), `${spec.name} is ${kind} in the doc`);
  }
  assert.match(doc, new RegExp(`\\| ${Kind.MediaDescriptor} \\| media descriptor`));
});

test('every domain kind has an example that verifies, validates and comes from the sample archive', () => {
  const blocks = [...doc.matchAll(/<!-- example:([a-z]+) -->[\s\S]*?```json\n([\s\S]*?)\n```[\s\S]*?<!-- \/example -->/g)];
  const slugs = blocks.map((b) => b[1]);
  for (const slug of ['source', 'testimony', 'event', 'person', 'status', 'claim', 'assessment', 'translation', 'media']) {
    assert.ok(slugs.includes(slug), `an example for ${slug}`);
  }
  for (const [, slug, json] of blocks) {
    const event = verifyWireEvent(JSON.parse(json as string));
    assert.equal(event.kind, kindSlugs[slug as string], `${slug} example has kind ${kindSlugs[slug as string]}`);
    validateRecord(event);
    assert.ok(archiveIds.has(event.id), `${slug} example ${event.id.slice(0, 12)} is in the sample archive`);
  }
});
