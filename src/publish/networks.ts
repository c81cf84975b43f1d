/**
 * Publishing to the existing networks: the public records to Nostr relays (NIP-01 EVENT/OK),
 * then the media their descriptors (kind 1063) name to Blossom servers (BUD-01/02). Records go
 * first and media last so that a server which takes blobs only for descriptors it knows (a Keruen
 * node does) already has them, and a window that closes early has carried the text.
 *
 * Each relay and server gets its own report: accepted, duplicate (or already held), refused with
 * the reason it gave, bytes. A relay or server that cannot be reached is reported, not thrown:
 * the others still get their copy.
 */
import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { generateSecretKey } from 'nostr-tools/pure';
import { KeruenError } from '../core/errors.ts';
import { nowSeconds, signEvent, type VerifiedEvent } from '../core/event.ts';
import type { BlobStore } from '../node/blobs.ts';
import { MemoryStore } from '../store/memory.ts';
import { openLink, type Link } from '../sync/link.ts';
import { mediaRefOf, reasonOf, type MediaRef } from '../sync/media.ts';
import { parseProxyUrl, proxyAgent } from '../sync/proxy.ts';
import { push } from '../sync/push.ts';
import { reconcileNip77 } from '../sync/reconcile-nip77.ts';
import { isPublicRecord } from './public.ts';

const UPLOAD_AUTH_KIND = 24242;

export interface RelayPublishReport {
  url: string;
  accepted: number;
  /** Accepted, and the relay already had it. */
  duplicate: number;
  /** Refused by the relay, with its reason ("blocked: ...", "invalid: ..."). */
  refused: { id: string; reason: string }[];
  bytesSent: number;
  bytesReceived: number;
  /**
   * Asked first (NIP-77) which records the relay lacks, and sent only those; false when the
   * relay does not offer NIP-77 or refused to reconcile (then every record is offered).
   */
  reconciled: boolean;
  /** The relay could not be reached, or the link failed on the way: what was not answered stays unsent. */
  error?: string;
}

export interface BlossomPublishReport {
  url: string;
  /** Uploaded now. */
  accepted: number;
  /** The server held them already (HEAD 200): not sent again. */
  duplicate: number;
  refused: { sha256: string; reason: string }[];
  /** Blob bytes uploaded. */
  bytes: number;
  error?: string;
}

export interface NetworkPublishReport {
  /** Records offered to each relay. */
  records: number;
  /** Records that are not public (gift wraps, private or protected ones: see public.ts) found among them: never sent. */
  withheld: number;
  /** Blobs named by the published media descriptors. */
  media: number;
  /** Named by a descriptor but not held by this node: sent nowhere. */
  mediaMissing: string[];
  relays: RelayPublishReport[];
  blossom: BlossomPublishReport[];
}

export interface PublishProgress {
  done: number;
  total: number;
  phase: 'records' | 'media';
}

export interface NetworkPublishOptions {
  relays: string[];
  blossom: string[];
  /** Where the media are (read through it: an encrypted folder decrypts on the way out). */
  blobs?: BlobStore;
  /** Signs Blossom upload authorizations and answers relays' NIP-42 challenges. Default: a throwaway key for uploads, no AUTH. */
  secretKey?: Uint8Array;
  onProgress?: (p: PublishProgress) => void;
  /** socks5://, socks5h:// or http:// proxy for every connection (sync/proxy.ts). */
  proxy?: string;
  /** Idle time allowed per request or message. Default 30 s. */
  timeoutMs?: number;
}

/** A Blossom server's address: http(s), no query; its endpoints are under it (BUD-01 puts them at the root). */
function blossomBase(url: string): string {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (parsed === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.search !== '' || parsed.hash !== '') {
    throw KeruenError.usage(`"${url.slice(0, 200)}" is not a Blossom server address: give it like https://blossom.example`);
  }
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}

function relayAddress(url: string): string {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (parsed === undefined || !['ws:', 'wss:', 'http:', 'https:'].includes(parsed.protocol)) {
    throw KeruenError.usage(`"${url.slice(0, 200)}" is not a relay address: give it like wss://relay.example`);
  }
  return url;
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body's first `maxBody` characters (4 KiB unless asked): a refusal's reason, a blob descriptor. */
  body: string;
}

/** One request, its answer read (small) to the end so a keep-alive socket can serve the next. */
function request(url: string, o: { method: string; agent: http.Agent; timeoutMs: number; headers?: Record<string, string>; body?: Readable; maxBody?: number }): Promise<Answer> {
  const maxBody = o.maxBody ?? 4096;
  return new Promise((resolve, reject) => {
    const req = (url.startsWith('https:') ? https : http).request(url, { method: o.method, headers: o.headers ?? {}, agent: o.agent }, (res) => {
      let body = '';
      // Decoded across chunks: a character split between two is not mangled.
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (body.length < maxBody) body += chunk;
      });
      res.on('error', (e) => reject(new KeruenError('io', `${o.method} ${url}: ${e.message}`)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.setTimeout(o.timeoutMs, () => req.destroy(new Error(`no answer for ${Math.round(o.timeoutMs / 1000)} s`)));
    req.on('error', (e) => reject(new KeruenError('io', `${o.method} ${url}: ${e.message}`)));
    if (o.body !== undefined) {
      // A refused or cut upload must not leave the blob open.
      req.once('close', () => o.body?.destroy());
      o.body.on('error', (e) => req.destroy(e));
      o.body.pipe(req);
    } else req.end();
  });
}

/** The blobs that the descriptors name, one per hash (largest declared size), smallest first. */
function mediaOf(records: readonly VerifiedEvent[]): (MediaRef & { type: string })[] {
  const bySha = new Map<string, MediaRef & { type: string }>();
  for (const e of records) {
    const ref = mediaRefOf(e);
    if (ref === undefined) continue;
    const type = e.tags.find((t) => t[0] === 'm')?.[1] ?? 'application/octet-stream';
    const known = bySha.get(ref.sha256);
    if (known === undefined || known.size < ref.size) bySha.set(ref.sha256, { ...ref, type });
  }
  return [...bySha.values()].sort((a, b) => a.size - b.size || (a.sha256 < b.sha256 ? -1 : 1));
}

/** Beyond this many authors a filter is too long to send; every record is offered instead. */
const MAX_RECONCILE_AUTHORS = 256;

/**
 * Whether the relay says (NIP-11) it speaks NIP-77. Asked over HTTP first because a relay without
 * it may leave NEG-OPEN unanswered, and waiting for a timeout would waste a short window.
 */
async function offersNip77(url: string, agent: http.Agent, timeoutMs: number): Promise<boolean> {
  const httpUrl = url.replace(/^ws(s?):/, 'http$1:');
  try {
    // Some relays describe themselves at length (fees, policies): 64 KiB of it is read.
    const answer = await request(httpUrl, { method: 'GET', agent, timeoutMs, headers: { accept: 'application/nostr+json' }, maxBody: 64 * 1024 });
    return answer.status === 200 && offersNip77In(answer.body);
  } catch {
    // No document: offer every record.
    return false;
  }
}

/** Reads a NIP-11 document (outside input): true only when `supported_nips` lists 77. */
export function offersNip77In(document: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    // Not JSON, or cut (the first 64 KiB are read): offer every record.
    return false;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return false;
  const nips = (parsed as { supported_nips?: unknown }).supported_nips;
  return Array.isArray(nips) && nips.includes(77);
}

/** The records the relay lacks, by NIP-77 over `link`; undefined when it cannot tell us. */
async function missingOnRelay(link: Link, store: MemoryStore, ids: readonly string[], opts: NetworkPublishOptions): Promise<string[] | undefined> {
  const events = ids.map((id) => store.get(id)).filter((e): e is VerifiedEvent => e !== undefined);
  const authors = [...new Set(events.map((e) => e.pubkey))];
  if (events.length === 0 || authors.length > MAX_RECONCILE_AUTHORS) return undefined;
  const agent = agentFor(link.url.replace(/^ws(s?):/, 'http$1:'), opts.proxy);
  try {
    if (!link.url.startsWith('ws') || !(await offersNip77(link.url, agent, opts.timeoutMs ?? 30_000))) return undefined;
  } finally {
    agent.destroy();
  }
  const since = events.reduce((t, e) => Math.min(t, e.created_at), Infinity);
  try {
    // Our records and the relay's by the same authors since our oldest: `have` is what it lacks.
    const { have } = await reconcileNip77(link, store, { authors, since });
    const ours = new Set(ids);
    return have.filter((id) => ours.has(id));
  } catch (e) {
    // Refused ("too big", auth required, no NIP-77 after all): offer everything instead.
    if (e instanceof KeruenError && (e.code === 'blocked' || e.code === 'usage')) return undefined;
    throw e;
  }
}

async function publishToRelay(url: string, store: MemoryStore, ids: readonly string[], opts: NetworkPublishOptions, onDone: () => void): Promise<RelayPublishReport> {
  const report: RelayPublishReport = { url, accepted: 0, duplicate: 0, refused: [], bytesSent: 0, bytesReceived: 0, reconciled: false };
  let link;
  try {
    link = await openLink(url, {
      ...(opts.proxy !== undefined ? { proxy: opts.proxy } : {}),
      ...(opts.secretKey !== undefined ? { authSecretKeys: [opts.secretKey] } : {}),
      ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
    });
  } catch (e) {
    report.error = e instanceof Error ? e.message : String(e);
    return report;
  }
  try {
    // Text before media descriptors, small before large, a window of events in flight, and a
    // relay's "rate-limited" answered by waiting and sending again (sync/push.ts).
    const missing = await missingOnRelay(link, store, ids, opts);
    const already = missing === undefined ? 0 : ids.length - missing.length;
    report.reconciled = missing !== undefined;
    for (let i = 0; i < already; i++) onDone();
    const result = await push(link, store, missing ?? ids, { onProgress: onDone });
    report.accepted = already + result.accepted;
    report.duplicate = already + result.duplicate;
    report.refused = result.rejected;
  } catch (e) {
    report.error = e instanceof Error ? e.message : String(e);
  } finally {
    report.bytesSent = link.bytesSent;
    report.bytesReceived = link.bytesReceived;
    link.close();
  }
  return report;
}

interface MediaJob {
  ref: MediaRef & { type: string };
  /** The size of the blob as this node holds it (what an upload sends). */
  size: number;
}

/** One printable line of what a server said (it may say anything). */
function printable(text: string, max = 200): string {
  return text.replace(/[^\x20-\x7e\u00a0-\uffff]/g, '?').slice(0, max);
}

/** The sha256 a BUD-02 answer names, if it names one; the body is the server's word. */
function storedSha256(body: string): unknown {
  try {
    const parsed = JSON.parse(body) as unknown;
    return parsed !== null && typeof parsed === 'object' ? (parsed as { sha256?: unknown }).sha256 : undefined;
  } catch {
    return undefined;
  }
}

type UploadOutcome = { is: 'held' } | { is: 'sent' } | { is: 'refused'; reason: string };

async function uploadOne(base: string, job: MediaJob, blobs: BlobStore, agent: http.Agent, timeoutMs: number, authKey: Uint8Array): Promise<UploadOutcome> {
  const { ref, size } = job;
  // HEAD first: a blob the server holds costs one small request, not the upload. A HEAD that
  // fails to connect throws: the server is out of reach, not this blob refused.
  const head = await request(`${base}/${ref.sha256}`, { method: 'HEAD', agent, timeoutMs });
  if (head.status === 200) return { is: 'held' };
  if (head.status !== 404) return { is: 'refused', reason: `HEAD: ${reasonOf(head.status, head.headers, head.body)}` };
  const now = nowSeconds();
  const auth = signEvent(
    { kind: UPLOAD_AUTH_KIND, created_at: now, tags: [['t', 'upload'], ['x', ref.sha256], ['expiration', String(now + 600)]], content: 'Publish the media of a record' },
    authKey,
  );
  let res: Answer;
  try {
    res = await request(`${base}/upload`, {
      method: 'PUT',
      agent,
      timeoutMs,
      headers: { authorization: `Nostr ${Buffer.from(JSON.stringify(auth)).toString('base64')}`, 'content-length': String(size), 'content-type': ref.type },
      // Through the blob store: an encrypted data folder is decrypted on the way out.
      body: blobs.stream(ref.sha256),
    });
  } catch (e) {
    // No resumable upload in Blossom: the next publish sends it again, whole.
    return { is: 'refused', reason: `upload cut: ${printable((e as Error).message)}` };
  }
  if (res.status !== 200 && res.status !== 201) return { is: 'refused', reason: reasonOf(res.status, res.headers, res.body) };
  // BUD-02: the answer is the blob descriptor; a server that kept other bytes has not got ours.
  const stored = storedSha256(res.body);
  if (stored !== undefined && stored !== ref.sha256) return { is: 'refused', reason: `the server says it stored other bytes (sha256 ${printable(String(stored), 64)})` };
  return { is: 'sent' };
}

async function publishToBlossom(server: string, jobs: readonly MediaJob[], blobs: BlobStore, opts: NetworkPublishOptions, agent: http.Agent, authKey: Uint8Array, onBytes: (n: number) => void): Promise<BlossomPublishReport> {
  const base = blossomBase(server);
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const report: BlossomPublishReport = { url: server, accepted: 0, duplicate: 0, refused: [], bytes: 0 };
  for (const [i, job] of jobs.entries()) {
    let outcome: UploadOutcome;
    try {
      outcome = await uploadOne(base, job, blobs, agent, timeoutMs, authKey);
    } catch (e) {
      report.error = `cannot reach ${server}: ${printable((e as Error).message)}`;
      onBytes(jobs.slice(i).reduce((n, j) => n + j.size, 0));
      break;
    }
    onBytes(job.size);
    if (outcome.is === 'held') report.duplicate++;
    else if (outcome.is === 'refused') report.refused.push({ sha256: job.ref.sha256, reason: outcome.reason });
    else {
      report.accepted++;
      report.bytes += job.size;
    }
  }
  return report;
}

/** An agent for a server's requests: through the proxy when there is one (media must not go around Tor). */
function agentFor(base: string, proxy: string | undefined): http.Agent {
  if (proxy !== undefined) return proxyAgent(parseProxyUrl(proxy), base.startsWith('http:') ? 'forward' : 'tunnel');
  return new (base.startsWith('https:') ? https : http).Agent({ keepAlive: true, maxSockets: 2 });
}

/**
 * Pushes `records` (already the public ones: see publicRecords) to every relay in `relays`, then
 * the blobs their media descriptors name, read from `blobs`, to every server in `blossom`.
 */
export async function publishToNetworks(records: readonly VerifiedEvent[], opts: NetworkPublishOptions): Promise<NetworkPublishReport> {
  // Addresses first: a typo fails before anything leaves.
  for (const r of opts.relays) relayAddress(r);
  for (const b of opts.blossom) blossomBase(b);
  if (opts.proxy !== undefined) parseProxyUrl(opts.proxy);

  // The caller chose public records; checked again here because this is where they leave: a gift
  // wrap, a deletion request, a record marked private or NIP-70 protected is held back.
  const sendable = records.filter(isPublicRecord);
  const store = new MemoryStore();
  store.putMany(sendable);
  const ids = sendable.map((e) => e.id);
  const refs = mediaOf(sendable);
  const report: NetworkPublishReport = { records: ids.length, withheld: records.length - sendable.length, media: refs.length, mediaMissing: [], relays: [], blossom: [] };

  const totalRecords = ids.length * opts.relays.length;
  let doneRecords = 0;
  opts.onProgress?.({ done: 0, total: totalRecords, phase: 'records' });
  for (const url of opts.relays) {
    const before = doneRecords;
    const r = await publishToRelay(url, store, ids, opts, () => opts.onProgress?.({ done: ++doneRecords, total: totalRecords, phase: 'records' }));
    // A failed relay's unsent records count as done: the bar measures the work, not success.
    doneRecords = before + ids.length;
    report.relays.push(r);
  }
  opts.onProgress?.({ done: totalRecords, total: totalRecords, phase: 'records' });

  if (opts.blossom.length === 0 || refs.length === 0) return report;
  const jobs: MediaJob[] = [];
  for (const ref of refs) {
    const local = opts.blobs === undefined ? undefined : await opts.blobs.stat(ref.sha256);
    if (local === undefined) report.mediaMissing.push(ref.sha256);
    else jobs.push({ ref, size: local.size });
  }
  const totalBytes = jobs.reduce((n, j) => n + j.size, 0) * opts.blossom.length;
  let doneBytes = 0;
  opts.onProgress?.({ done: 0, total: totalBytes, phase: 'media' });
  const authKey = opts.secretKey ?? generateSecretKey();
  for (const server of opts.blossom) {
    const base = blossomBase(server);
    const agent = agentFor(base, opts.proxy);
    try {
      if (opts.blobs === undefined) report.blossom.push({ url: server, accepted: 0, duplicate: 0, refused: [], bytes: 0 });
      else report.blossom.push(await publishToBlossom(server, jobs, opts.blobs, opts, agent, authKey, (n) => opts.onProgress?.({ done: (doneBytes += n), total: totalBytes, phase: 'media' })));
    } finally {
      agent.destroy();
    }
  }
  return report;
}

/** The report in lines a person reads: one per relay and per server, refusals with their reasons. */
export function networkReportLines(report: NetworkPublishReport, maxReasons = 5): string[] {
  const lines: string[] = [];
  const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`;
  if (report.withheld > 0) lines.push(`${report.withheld} records that are not public were held back.`);
  for (const r of report.relays) {
    const head = `${r.url}: ${r.accepted} of ${report.records} records accepted (${r.duplicate} it had already), ${r.refused.length} refused; ${kB(r.bytesSent)} sent`;
    lines.push(r.error === undefined ? head : `${head}; stopped: ${r.error}`);
    for (const x of r.refused.slice(0, maxReasons)) lines.push(`  refused ${x.id}: ${x.reason}`);
    if (r.refused.length > maxReasons) lines.push(`  ... and ${r.refused.length - maxReasons} more`);
  }
  if (report.mediaMissing.length > 0) lines.push(`${report.mediaMissing.length} media files named by records are not on this node: not sent.`);
  for (const b of report.blossom) {
    lines.push(`${b.url}: ${b.accepted} of ${report.media - report.mediaMissing.length} media uploaded (${kB(b.bytes)}), ${b.duplicate} it had already, ${b.refused.length} refused${b.error === undefined ? '' : `; stopped: ${b.error}`}`);
    for (const x of b.refused.slice(0, maxReasons)) lines.push(`  refused ${x.sha256}: ${x.reason}`);
    if (b.refused.length > maxReasons) lines.push(`  ... and ${b.refused.length - maxReasons} more`);
  }
  return lines;
}
