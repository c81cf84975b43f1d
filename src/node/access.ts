/**
 * Who may use the node over HTTP and WebSocket. Two guards, one per way of listening:
 * - on loopback only (the default): the Host header must name this machine. Otherwise a web page
 *   the witness visits could point its own domain at 127.0.0.1 (DNS rebinding) and read the
 *   archive as if it were the node's own page; no session would be needed.
 * - with pairing (listening beyond loopback, or forced): a paired device's session cookie.
 *   Everything but the app shell and the pairing endpoints is closed to unpaired devices.
 * - with pairing, the relay also lets in another node that signs its upgrade with a node key the
 *   user accepted (NIP-98; node-key.ts `checkUpgradeAuth`), so peers sync with no browser cookie.
 */
import type http from 'node:http';
import type { Pairing } from './pairing.ts';

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** `127.0.0.1:7777` → true; `evil.example:7777` → false. */
export function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined) return false;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d*$/, '');
  return LOOPBACK_NAMES.has(name.toLowerCase()) || /^127(\.\d{1,3}){3}$/.test(name);
}

const BLOB_PATH = /^\/[0-9a-f]{64}(\.[a-z0-9]{1,10})?$/i;
const PAIRING_PATHS = new Set(['/api/pair', '/api/pair/status']);

/**
 * What an unpaired device may fetch: the pairing endpoints, and files of the app shell (any
 * GET that is not the API, a blob, an upload or the status page: the static server only has
 * the built app to give). Default-deny: a route added later is closed until listed here.
 */
export function isPublicRequest(method: string, path: string): boolean {
  if (PAIRING_PATHS.has(path)) return true;
  if (method !== 'GET' && method !== 'HEAD') return false;
  if (/^\/(api|upload|status)(\/|$)/.test(path)) return false;
  return !BLOB_PATH.test(path);
}

export interface AccessPolicy {
  /** Set when pairing is on. */
  pairing?: Pairing;
  /** True when the node listens on loopback only: then the Host header must be loopback. */
  loopbackOnly: boolean;
  /** Whether this upgrade carries a valid NIP-98 header from an accepted node key. */
  acceptedPeer?: (req: http.IncomingMessage) => boolean;
}

export function hostAllowed(policy: AccessPolicy, host: string | undefined): boolean {
  return !policy.loopbackOnly || isLoopbackHost(host);
}

/** Whether a request may pass: host first, then a session unless the path is public. */
export function mayUse(policy: AccessPolicy, req: { method: string; path: string; host: string | undefined; cookie: string | undefined }): boolean {
  if (!hostAllowed(policy, req.host)) return false;
  if (policy.pairing === undefined) return true;
  return isPublicRequest(req.method, req.path) || policy.pairing.isPaired(req.cookie);
}

/** The relay's upgrade check: a WebSocket is never public (a paired device, or an accepted node). */
export function mayOpenRelay(policy: AccessPolicy, req: http.IncomingMessage): boolean {
  if (!hostAllowed(policy, req.headers.host)) return false;
  if (policy.pairing === undefined || policy.pairing.isPaired(req.headers.cookie)) return true;
  return req.headers.authorization !== undefined && policy.acceptedPeer !== undefined && policy.acceptedPeer(req);
}
