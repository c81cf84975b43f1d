/**
 * Worker thread of the verifier pool: runs ./verify-core.ts on the batches it is sent.
 * Everything but the database write happens in workers, so the main thread is left with
 * SQLite alone.
 */
import { parentPort } from 'node:worker_threads';
import { createVerifier } from './verify-core.ts';
import type { RowsRequest, VerifyRequest } from './verifier-pool.ts';

const verifier = await createVerifier();

parentPort?.on('message', (req: VerifyRequest | RowsRequest) => {
  if ('rows' in req) parentPort?.postMessage({ batch: req.batch, rows: verifier.verifyLines(req) });
  else parentPort?.postMessage({ batch: req.batch, results: verifier.verify(req) });
});
parentPort?.postMessage({ ready: true });
