/**
 * The page a node serves at / until the web app (its own issue) replaces it: what this
 * node holds, and how to reach its relay. Plain HTML, no script, escaped text.
 */
import { Kind } from '../core/kinds.ts';
import type { EventStore } from '../store/types.ts';
import type { PeersView } from './api/peers.ts';
import type { DroppedConnection } from '../relay/connection.ts';

/**
 * What the node reports beside its peers: clients its relay dropped for sending invalid events,
 * newest first. The node's peers view carries it (node.ts), so /api/peers and /status show it.
 */
export interface NodeReports {
  dropped?: DroppedConnection[];
}

const KIND_LABELS: ReadonlyArray<readonly [number, string]> = [
  [Kind.Event, 'events'],
  [Kind.Testimony, 'testimonies'],
  [Kind.PersonOfConcern, 'people of concern'],
  [Kind.PersonStatus, 'status reports'],
  [Kind.Claim, 'claims'],
  [Kind.Assessment, 'assessments'],
  [Kind.Translation, 'translations'],
  [Kind.SourceDocument, 'source documents'],
  [Kind.MediaDescriptor, 'media'],
];

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const when = (iso: string | undefined): string => (iso === undefined ? '—' : iso.replace('T', ' ').slice(0, 19));

/** Who this node syncs with and how it went; nodes heard on the LAN, and how to accept one. */
export function renderPeers(view: PeersView & NodeReports): string {
  const peerRows = view.peers
    .map((p) => {
      const state =
        p.misbehaving !== undefined
          ? `paused since ${when(p.misbehaving.since)}: sent invalid data (${p.misbehaving.reasons.join('; ')}). Nothing invalid was stored. If you trust it again: keruen peers trust ${p.name}`
          : p.syncing
            ? 'syncing'
            : p.lastError !== undefined
              ? `failing (${p.failures}): ${p.lastError}`
              : p.lastSuccess !== undefined
                ? 'ok'
                : 'waiting';
      return `<tr><td>${escapeHtml(p.name)}</td><td><code>${escapeHtml(p.url)}</code></td><td>${escapeHtml(p.source === 'lan' ? 'LAN' : 'configured')}</td><td>${escapeHtml(when(p.lastSuccess))}</td><td>${p.sent} / ${p.received}</td><td>${escapeHtml(state)}</td></tr>`;
    })
    .join('');
  const misbehaving = view.peers.filter((p) => p.misbehaving !== undefined);
  const dropped = view.dropped ?? [];
  const droppedRows = dropped.map((d) => `<li>${escapeHtml(when(d.at))}: dropped a client at <code>${escapeHtml(d.address)}</code>: ${escapeHtml(d.reason)}</li>`).join('');
  const strangers = view.lan.filter((n) => !n.accepted);
  const lanRows = strangers.map((n) => `<li><code>${escapeHtml(n.npub)}</code> at <code>${escapeHtml(n.url)}</code>: <code>keruen peers accept ${escapeHtml(n.npub)}</code></li>`).join('');
  return `<h2>Peers</h2>
<p>This node's key: <code>${escapeHtml(view.node.npub)}</code>. LAN discovery is ${view.discovery ? 'on' : 'off'}.</p>
${view.peers.length === 0 ? '<p>No peers yet: <code>keruen peers add ws://ADDRESS:PORT</code>, or accept a node found on the LAN.</p>' : `<table><tr><th>peer</th><th>address</th><th>from</th><th>last sync</th><th>sent / received</th><th>state</th></tr>${peerRows}</table>`}
${misbehaving.length > 0 ? `<p><strong>${misbehaving.map((p) => escapeHtml(p.name)).join(', ')} sent invalid data: syncing with ${misbehaving.length === 1 ? 'it' : 'them'} is paused.</strong></p>` : ''}
${strangers.length > 0 ? `<p>Found on the LAN, not accepted (never synced with):</p><ul>${lanRows}</ul>` : ''}
${dropped.length > 0 ? `<h2>Clients dropped</h2><p>The relay closed these connections for sending invalid events (forged or broken records):</p><ul>${droppedRows}</ul>` : ''}`;
}

export function renderStatusPage(store: EventStore, relayUrl: string, note?: string, peers?: PeersView & NodeReports): string {
  const rows = KIND_LABELS.map(([kind, label]) => `<tr><td>${escapeHtml(label)}</td><td>${store.count([{ kinds: [kind] }])}</td></tr>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Keruen node</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#111}td{padding:.2rem 1rem .2rem 0}code{background:#eee;padding:0 .3rem}</style>
</head><body>
<h1>Keruen node</h1>
${note !== undefined ? `<p><strong>${escapeHtml(note)}</strong></p>` : ''}
<p>This node holds:</p>
<table>${rows}</table>
<p>Relay (NIP-01): <code>${escapeHtml(relayUrl)}</code></p>
${peers !== undefined ? renderPeers(peers) : ''}
<p>From the command line: <code>keruen timeline</code>, <code>keruen people</code>, <code>keruen claims</code>, <code>keruen search &lt;words&gt;</code>.</p>
</body></html>
`;
}
