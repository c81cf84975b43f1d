/**
 * LAN discovery with mDNS/DNS-SD (bonjour-service): the node announces `_keruen._tcp` with a TXT
 * record carrying its node key and port, and lists the other Keruen nodes it hears. What a TXT
 * record says is anyone's word: a discovered key is only a claim, proven by a challenge before
 * any sync (node-key.ts), and only keys the user accepted are synced with (node.ts).
 */
import { isIP } from 'node:net';
import { Bonjour, type Browser, type Service } from 'bonjour-service';
import { isHex64 } from '../core/ids.ts';
import { asPublicKey, type PublicKey } from '../core/ids.ts';
import type { NodeKey } from './node-key.ts';

export const SERVICE_TYPE = 'keruen';
/** TXT format version; a node ignores announcements of versions it does not know. */
const TXT_VERSION = '1';

export interface DiscoveredNode {
  key: PublicKey;
  /** The relay to sync with: ws://<address>:<port>. */
  url: string;
  addresses: string[];
  port: number;
  firstSeen: string;
  lastSeen: string;
}

export interface LanDiscoveryOptions {
  nodeKey: NodeKey;
  /** The port our relay listens on. */
  port: number;
  /** Told once per newly heard node (and again if it moves to another address). */
  onFound?: (node: DiscoveredNode) => void;
  onLost?: (node: DiscoveredNode) => void;
  log?: (line: string) => void;
}

/** TXT values may arrive as strings or Buffers. */
function txtString(txt: unknown, name: string): string | undefined {
  if (typeof txt !== 'object' || txt === null) return undefined;
  const v = (txt as Record<string, unknown>)[name];
  if (typeof v === 'string') return v;
  if (Buffer.isBuffer(v)) return v.toString('utf8');
  return undefined;
}

/**
 * The address to dial: the one the answer came from if the service lists it (it is on a
 * network we share), else its first IPv4 address that is not link-local.
 */
function pickAddress(s: Service): string | undefined {
  const listed = (s.addresses ?? []).filter((a) => isIP(a) !== 0);
  const from = s.referer?.address;
  if (from !== undefined && listed.includes(from)) return from;
  return listed.find((a) => isIP(a) === 4 && !a.startsWith('169.254.')) ?? listed.find((a) => isIP(a) === 6 && !a.toLowerCase().startsWith('fe80'));
}

/** A heard service → a node, or undefined when it is not a well-formed Keruen announcement. */
export function nodeFromService(s: Pick<Service, 'txt' | 'port' | 'addresses' | 'referer'>, now = new Date()): DiscoveredNode | undefined {
  const pk = txtString(s.txt, 'pk');
  if (txtString(s.txt, 'v') !== TXT_VERSION || pk === undefined || !isHex64(pk)) return undefined;
  const txtPort = Number(txtString(s.txt, 'port'));
  const port = Number.isInteger(txtPort) && txtPort > 0 && txtPort < 65536 ? txtPort : s.port;
  if (!Number.isInteger(port) || port <= 0 || port > 65535) return undefined;
  const address = pickAddress(s as Service);
  if (address === undefined) return undefined;
  const host = isIP(address) === 6 ? `[${address}]` : address;
  const at = now.toISOString();
  return { key: asPublicKey(pk), url: `ws://${host}:${port}`, addresses: [...(s.addresses ?? [])], port, firstSeen: at, lastSeen: at };
}

export class LanDiscovery {
  readonly #opts: LanDiscoveryOptions;
  readonly #nodes = new Map<string, DiscoveredNode>();
  #bonjour: Bonjour | undefined;
  #browser: Browser | undefined;

  constructor(opts: LanDiscoveryOptions) {
    this.#opts = opts;
  }

  start(): void {
    if (this.#bonjour !== undefined) return;
    const log = this.#opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
    // A socket error (no multicast route, port 5353 taken) must not stop the node: it is logged.
    this.#bonjour = new Bonjour({}, (e: unknown) => log(`LAN discovery: ${e instanceof Error ? e.message : String(e)}`));
    const key = this.#opts.nodeKey.pubkey;
    // probe: false, because a node restarting at once would otherwise find its own old name.
    this.#bonjour.publish({ name: `keruen-${key.slice(0, 16)}`, type: SERVICE_TYPE, port: this.#opts.port, probe: false, txt: { v: TXT_VERSION, pk: key, port: String(this.#opts.port) } });
    this.#browser = this.#bonjour.find({ type: SERVICE_TYPE });
    this.#browser.on('up', (s) => this.#heard(s));
    this.#browser.on('txt-update', (s) => this.#heard(s));
    this.#browser.on('srv-update', (s) => this.#heard(s));
    this.#browser.on('down', (s) => {
      const pk = txtString(s.txt, 'pk');
      const known = pk !== undefined ? this.#nodes.get(pk) : undefined;
      if (known === undefined) return;
      this.#nodes.delete(known.key);
      this.#opts.onLost?.(known);
    });
  }

  #heard(s: Service): void {
    const node = nodeFromService(s);
    if (node === undefined || node.key === this.#opts.nodeKey.pubkey) return;
    const old = this.#nodes.get(node.key);
    if (old !== undefined && old.url === node.url) {
      old.lastSeen = node.lastSeen;
      return;
    }
    this.#nodes.set(node.key, old !== undefined ? { ...node, firstSeen: old.firstSeen } : node);
    this.#opts.onFound?.(node);
  }

  /** Nodes heard and not gone, newest first. */
  nodes(): DiscoveredNode[] {
    return [...this.#nodes.values()].sort((a, b) => b.lastSeen.localeCompare(a.lastSeen));
  }

  /** Asks the network again (a node that missed the first announcements). */
  query(): void {
    this.#browser?.update();
  }

  async stop(): Promise<void> {
    const b = this.#bonjour;
    if (b === undefined) return;
    this.#bonjour = undefined;
    this.#browser?.stop();
    // Goodbye packets first, so other nodes drop us now rather than at the record's TTL.
    await new Promise<void>((resolve) => b.unpublishAll(() => resolve()));
    await new Promise<void>((resolve) => b.destroy(() => resolve()));
  }
}
