/**
 * The page a node serves at / until the web app (its own issue) replaces it: what this
 * node holds, and how to reach its relay. Plain HTML, no script, escaped text.
 */
import { Kind } from '../core/kinds.ts';
import type { EventStore } from '../store/types.ts';

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

export function renderStatusPage(store: EventStore, relayUrl: string, note?: string): string {
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
<p>From the command line: <code>keruen timeline</code>, <code>keruen people</code>, <code>keruen claims</code>, <code>keruen search &lt;words&gt;</code>.</p>
</body></html>
`;
}
