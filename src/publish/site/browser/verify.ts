/**
 * Runs in the reader's browser: checks every signed event shipped with the page (its id is the
 * hash of its bytes, its signature is its author's) and marks each record verified or FAILED.
 * The events are inline (works from file:// too); what is checked is exactly what the page shows
 * as "signed event". Bundled by esbuild into one small classic script (see ../assets.ts).
 */
import { verifyEvent, type Event } from 'nostr-tools/pure';

type Result = 'ok' | 'failed';

function check(raw: unknown, expectedId: string): Result {
  if (typeof raw !== 'object' || raw === null) return 'failed';
  const e = raw as Event;
  try {
    return e.id === expectedId && verifyEvent({ ...e }) ? 'ok' : 'failed';
  } catch {
    return 'failed';
  }
}

function readEvents(): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const node of Array.from(document.querySelectorAll<HTMLElement>('[data-signed-events]'))) {
    let list: unknown;
    try {
      list = JSON.parse(node.textContent ?? '');
    } catch {
      list = [];
    }
    for (const e of Array.isArray(list) ? list : [list]) {
      const id = typeof e === 'object' && e !== null && typeof (e as { id?: unknown }).id === 'string' ? (e as { id: string }).id : '';
      // A record shipped twice with different bytes counts as altered.
      out.set(id, out.has(id) && JSON.stringify(out.get(id)) !== JSON.stringify(e) ? null : e);
    }
  }
  return out;
}

/** What the HTML parser does to text anyway (CR LF to LF, NUL dropped), so it is not taken for tampering. */
const norm = (s: string) => s.replace(/\r\n?/g, '\n').replace(/\0/g, '');

/** Whether the texts a record page shows (`data-field`) are the signed ones: a mirror editing only the readable text fails too. */
function shownTextMatches(scope: Element, raw: unknown): boolean {
  const content = (raw as { content?: unknown }).content;
  if (typeof content !== 'string') return false;
  let fields: unknown;
  try {
    fields = JSON.parse(content);
  } catch {
    fields = undefined;
  }
  for (const el of Array.from(scope.querySelectorAll<HTMLElement>('[data-field]'))) {
    const key = el.dataset.field ?? '';
    const want = key === '' ? content : typeof fields === 'object' && fields !== null ? (fields as Record<string, unknown>)[key] : undefined;
    if (typeof want !== 'string' || norm(el.textContent ?? '') !== norm(want)) return false;
  }
  return true;
}

function run(): void {
  const events = readEvents();
  const shown = new Map<string, Element>();
  for (const scope of Array.from(document.querySelectorAll<HTMLElement>('[data-record]'))) shown.set(scope.dataset.record ?? '', scope);
  const labels = JSON.parse(document.documentElement.dataset.verifyLabels ?? '{}') as Partial<Record<Result, string>>;
  let ok = 0;
  let failed = 0;
  for (const mark of Array.from(document.querySelectorAll<HTMLElement>('[data-verify]'))) {
    const id = mark.dataset.verify ?? '';
    const scope = shown.get(id);
    let result = check(events.get(id), id);
    if (result === 'ok' && scope !== undefined && !shownTextMatches(scope, events.get(id))) result = 'failed';
    if (result === 'ok') ok++;
    else failed++;
    mark.dataset.result = result;
    mark.textContent = labels[result] ?? result;
    mark.className = `sig sig-${result}`;
  }
  const summary = document.getElementById('verify-summary');
  if (summary) {
    summary.dataset.ok = String(ok);
    summary.dataset.failed = String(failed);
    summary.hidden = false;
    summary.className = failed > 0 ? 'sig-summary sig-failed' : 'sig-summary sig-ok';
    summary.textContent = (failed > 0 ? labels.failed ?? 'FAILED' : labels.ok ?? 'verified') + ` (${ok}/${ok + failed})`;
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run);
else run();
