import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobStore } from '../../src/node/blobs.ts';
import { SAMPLE_ARCHIVE, storeSampleSources } from '../../src/node/sample.ts';
import { Kind } from '../../src/core/kinds.ts';

test('the sample node holds the text of every source document the sample archive names', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'keruen-sample-'));
  try {
    const blobs = new BlobStore(dir);
    assert.equal(await storeSampleSources(blobs), 2);
    const docs = readFileSync(SAMPLE_ARCHIVE, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as { kind: number; content: string })
      .filter((e) => e.kind === Kind.SourceDocument)
      .map((e) => JSON.parse(e.content) as { sha256: string; size: number; title: string });
    assert.ok(docs.length >= 2);
    for (const d of docs) {
      const info = await blobs.stat(d.sha256);
      assert.ok(info, `text of "${d.title}" stored`);
      assert.equal(info.size, d.size);
    }
    // Storing again changes nothing.
    assert.equal(await storeSampleSources(blobs), 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
