/** NIP-50 search through the relay: the sample archive, a real nostr-tools client, a Cyrillic query. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import WebSocket from 'ws';
import { Relay, useWebSocketImplementation } from 'nostr-tools/relay';
import type { Event as ToolsEvent } from 'nostr-tools/core';
import { Kind } from '../../src/core/kinds.ts';
import { makeAccept } from '../../src/relay/accept.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { ingestJsonl, jsonlLines } from '../../src/store/ingest.ts';
import { SAMPLE_ARCHIVE } from '../../src/node/sample.ts';
import { RawClient, signer, testRelay, type TestRelay } from './helpers.ts';

useWebSocketImplementation(WebSocket);

function collect(relay: Relay, filters: Parameters<Relay['subscribe']>[0]): Promise<ToolsEvent[]> {
  return new Promise((resolve) => {
    const events: ToolsEvent[] = [];
    const sub = relay.subscribe(filters, {
      onevent: (e) => events.push(e),
      oneose: () => {
        sub.close();
        resolve(events);
      },
    });
  });
}

void describe('NIP-50 search', () => {
  let node: TestRelay;
  before(async () => {
    const store = SqliteStore.open(':memory:');
    await ingestJsonl(jsonlLines(createReadStream(SAMPLE_ARCHIVE)), store, { workers: 1 });
    node = await testRelay({ store, accept: makeAccept() });
  });
  after(async () => {
    await node.close();
  });

  void test('a Cyrillic query finds records written in Latin script, narrowed by kind', async () => {
    const relay = await Relay.connect(node.url);
    try {
      const events = await collect(relay, [{ search: 'Жанаозен', kinds: [Kind.Event] }]);
      assert.ok(events.length > 0, 'found events about Zhanaozen');
      assert.ok(events.every((e) => e.kind === Kind.Event));
      assert.ok(events.some((e) => /Zhanaozen|Janaozen|Жанаозен/i.test(e.content)));
      const limited = await collect(relay, [{ search: 'Жанаозен', limit: 2 }]);
      assert.equal(limited.length, 2);
      const none = await collect(relay, [{ search: 'Жанаозен', authors: ['0'.repeat(64)] }]);
      assert.equal(none.length, 0, 'other filter fields still apply to the hits');
    } finally {
      relay.close();
    }
  });

  void test('search subscriptions get no live events; COUNT counts the hits', async () => {
    const notes = await testRelay();
    const alice = signer();
    const client = await RawClient.connect(notes.url);
    try {
      assert.equal((await client.publish(alice.note('strike in Zhanaozen', { createdAt: 1000 })))[2], true);
      assert.equal((await client.publish(alice.note('nothing here', { createdAt: 1001 })))[2], true);
      const { ids, end } = await client.req('s', { search: 'Жанаозен' });
      assert.equal(end[0], 'EOSE');
      assert.equal(ids.length, 1);
      client.send(['COUNT', 'c', { search: 'Жанаозен' }]);
      assert.deepEqual(await client.next(), ['COUNT', 'c', { count: 1 }]);
      // A new matching note is stored; the open search subscription is not told (documented).
      const publisher = await RawClient.connect(notes.url);
      assert.equal((await publisher.publish(alice.note('Zhanaozen again', { createdAt: 1002 })))[2], true);
      publisher.close();
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(client.pending, 0);
    } finally {
      client.close();
      await notes.close();
    }
  });
});
