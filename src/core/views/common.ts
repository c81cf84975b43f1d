/**
 * Shared machinery of the derived views: an index over a set of verified events that parses
 * the domain records, applies corrections, resolves display names, citations and references.
 *
 * Corrections: a record that `corrects` an earlier record of the SAME author and the SAME kind
 * replaces it. All records linked that way form one lineage; its head (the version nobody in the
 * lineage corrects, the latest `created_at` if several) is what views show, and the other versions
 * are listed under `corrections`, oldest first. A reference to any version resolves to the head.
 * A record that claims to correct another author's record (or a missing one) replaces nothing:
 * it is shown as a record of its own, with `unappliedCorrection` saying why.
 * Deletions (kind 5) are applied by the store before events reach the views.
 */
import type { VerifiedEvent } from '../event.ts';
import { Kind, slugOfKind } from '../kinds.ts';
import { parseRecord, refsOf, type Citation, type DomainRecord, type RefRole } from '../records.ts';
import { startMillis, type ApproxTime } from '../time.ts';

export interface ViewOptions {
  /** Display names by pubkey; override names found in kind-0 profiles of the input. */
  names?: ReadonlyMap<string, string>;
}

/** Who said it and when they said it (the author's `created_at`, Unix seconds). */
export interface Attribution {
  pubkey: string;
  /** From `opts.names` or the author's latest kind-0 profile (`display_name`, else `name`). */
  name?: string;
  createdAt: number;
}

/** A version of a record replaced by a later correction of the same author. */
export interface Superseded<C> {
  id: string;
  createdAt: number;
  content: C;
}

export interface UnappliedCorrection {
  /** The id this record says it corrects. */
  of: string;
  reason: 'other-author' | 'other-kind' | 'not-found';
}

/** Fields every view item carries. */
export interface ItemBase<C> {
  /** Id of the version shown (the lineage head). */
  id: string;
  attribution: Attribution;
  /** Earlier versions by the same author that this one replaces, oldest first. */
  corrections: Superseded<C>[];
  unappliedCorrection?: UnappliedCorrection;
}

export interface ResolvedCitation {
  sourceId: string;
  /** Title of the source document, when it is in the input. */
  sourceTitle?: string;
  publisher?: string;
  url?: string;
  quote: string;
  at?: [number, number];
  found: boolean;
}

/** A referenced record, described in a few words taken from its content. */
export interface RefSummary {
  /** The id as referenced (may be an older version; `headId` is what the views show). */
  id: string;
  headId: string;
  /** Kind slug ("testimony", "event", "source", "media"...), undefined when not in the input. */
  kind?: string;
  /** Short description from the record itself (title, witness and opening words...); '' when not found. */
  label: string;
  attribution?: Attribution;
  found: boolean;
}

export interface TranslationView {
  id: string;
  lang: string;
  from: string;
  /** Field of the original → translated text. */
  fields: Record<string, string>;
  /** The main translated text: `text`, else `statement`, else `title`, else the first field. */
  text: string;
  machine: boolean;
  translator?: string;
  /** False when the translation renders an older version than the one shown. */
  current: boolean;
  attribution: Attribution;
}

const LABEL_MAX = 80;

export function truncate(s: string, max = LABEL_MAX): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/**
 * Sort key in the local wall-clock time the source wrote ("2022-01-05" < "2022-01-05T02:00"):
 * a day-precision time comes before the hours of that same day, whatever the offset. Undated
 * records fall back to their `created_at` (UTC).
 */
export function wallClockKey(t: ApproxTime | undefined, createdAt: number): string {
  return t ? t.from.slice(0, 16) : new Date(createdAt * 1000).toISOString().slice(0, 16);
}

/** Plain code-unit string comparison (ISO strings sort correctly this way; localeCompare may not). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** End (exclusive, ms) of the range of an approximate time, at its precision. */
export function endMillis(t: ApproxTime): number {
  const s = t.to ?? t.from;
  const start = startMillis(s);
  const d = new Date(start);
  switch (t.precision) {
    case 'minute':
      return start + 60_000;
    case 'hour':
      return start + 3_600_000;
    case 'day':
      return start + 86_400_000;
    case 'month':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    case 'year':
      return Date.UTC(d.getUTCFullYear() + 1, 0, 1);
  }
}

function byCreated(a: DomainRecord, b: DomainRecord): number {
  return a.event.created_at - b.event.created_at || (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0);
}

function profileName(content: string): string | undefined {
  try {
    const p = JSON.parse(content) as Record<string, unknown>;
    for (const k of ['display_name', 'displayName', 'name']) {
      const v = p[k];
      if (typeof v === 'string' && v.trim() !== '') return v.trim();
    }
  } catch {
    // not JSON: no name
  }
  return undefined;
}

export class ArchiveIndex {
  /** Every parsed domain record, by id (all versions). */
  readonly records = new Map<string, DomainRecord>();
  /** Other events (media descriptors, profiles), by id. */
  readonly raw = new Map<string, VerifiedEvent>();
  readonly names = new Map<string, string>();
  private readonly headOf = new Map<string, string>();
  private readonly versions = new Map<string, DomainRecord[]>();
  private readonly unapplied = new Map<string, UnappliedCorrection>();
  private readonly incoming = new Map<string, Set<string>>();

  constructor(events: readonly VerifiedEvent[], opts: ViewOptions = {}) {
    const profileAt = new Map<string, number>();
    for (const e of events) {
      if (e.kind === Kind.Profile) {
        const name = profileName(e.content);
        if (name !== undefined && e.created_at >= (profileAt.get(e.pubkey) ?? -1)) {
          this.names.set(e.pubkey, name);
          profileAt.set(e.pubkey, e.created_at);
        }
      }
      const r = parseRecord(e);
      if (r) this.records.set(e.id, r);
      else this.raw.set(e.id, e);
    }
    for (const [k, v] of opts.names ?? []) this.names.set(k, v);
    this.applyCorrections();
    for (const head of this.heads()) {
      for (const ref of head.refs) {
        const key = `${this.canonical(ref.id)}|${ref.role}`;
        let set = this.incoming.get(key);
        if (!set) this.incoming.set(key, (set = new Set()));
        set.add(head.event.id);
      }
    }
  }

  private applyCorrections(): void {
    // Union-find over valid (same author, same kind) correction links.
    const parent = new Map<string, string>();
    const find = (id: string): string => {
      let root = id;
      while (parent.has(root) && parent.get(root) !== root) root = parent.get(root) as string;
      return root;
    };
    const corrected = new Set<string>();
    for (const r of this.records.values()) {
      const target = refsOf(r, 'corrects')[0];
      if (target === undefined) continue;
      const old = this.records.get(target);
      if (!old) this.unapplied.set(r.event.id, { of: target, reason: 'not-found' });
      else if (old.event.pubkey !== r.event.pubkey) this.unapplied.set(r.event.id, { of: target, reason: 'other-author' });
      else if (old.kind !== r.kind) this.unapplied.set(r.event.id, { of: target, reason: 'other-kind' });
      else {
        corrected.add(target);
        const a = find(r.event.id);
        const b = find(target);
        if (a !== b) parent.set(a, b);
      }
    }
    const groups = new Map<string, DomainRecord[]>();
    for (const r of this.records.values()) {
      const root = find(r.event.id);
      const g = groups.get(root);
      if (g) g.push(r);
      else groups.set(root, [r]);
    }
    for (const members of groups.values()) {
      members.sort(byCreated);
      const leaves = members.filter((m) => !corrected.has(m.event.id));
      const head = (leaves.length > 0 ? leaves : members).at(-1) as DomainRecord;
      this.versions.set(
        head.event.id,
        members.filter((m) => m !== head),
      );
      for (const m of members) this.headOf.set(m.event.id, head.event.id);
    }
  }

  /** The id of the version shown for any version's id (unknown ids map to themselves). */
  canonical(id: string): string {
    return this.headOf.get(id) ?? id;
  }

  /** Current versions of every record, optionally of one kind, in `created_at` order. */
  heads<K extends DomainRecord['kind']>(kind?: K): Extract<DomainRecord, { kind: K }>[] {
    const out: DomainRecord[] = [];
    for (const r of this.records.values()) if (this.headOf.get(r.event.id) === r.event.id && (kind === undefined || r.kind === kind)) out.push(r);
    return out.sort(byCreated) as Extract<DomainRecord, { kind: K }>[];
  }

  /** The current version of the record with this id (any version's id), if in the input. */
  head(id: string): DomainRecord | undefined {
    return this.records.get(this.canonical(id));
  }

  /** Heads of the records (of a kind) that reference any version of `id` with `role`. */
  referrers<K extends DomainRecord['kind']>(id: string, role: RefRole, kind: K): Extract<DomainRecord, { kind: K }>[] {
    const ids = this.incoming.get(`${this.canonical(id)}|${role}`) ?? new Set<string>();
    return [...ids].map((i) => this.records.get(i)).filter((r): r is Extract<DomainRecord, { kind: K }> => r?.kind === kind);
  }

  attribution(e: { pubkey: string; created_at: number }): Attribution {
    const name = this.names.get(e.pubkey);
    return name !== undefined ? { pubkey: e.pubkey, name, createdAt: e.created_at } : { pubkey: e.pubkey, createdAt: e.created_at };
  }

  /** id, attribution, corrections history and unapplied-correction note of a head record. */
  base<C>(r: DomainRecord): ItemBase<C> {
    const item: ItemBase<C> = {
      id: r.event.id,
      attribution: this.attribution(r.event),
      corrections: (this.versions.get(r.event.id) ?? []).map((v) => ({ id: v.event.id, createdAt: v.event.created_at, content: v.content as C })),
    };
    const un = this.unapplied.get(r.event.id);
    if (un) item.unappliedCorrection = un;
    return item;
  }

  citation(c: Citation): ResolvedCitation {
    const doc = this.head(c.source);
    const out: ResolvedCitation = { sourceId: c.source, quote: c.quote, found: doc?.kind === Kind.SourceDocument };
    if (doc?.kind === Kind.SourceDocument) {
      out.sourceTitle = doc.content.title;
      if (doc.content.publisher !== undefined) out.publisher = doc.content.publisher;
      if (doc.content.url !== undefined) out.url = doc.content.url;
    }
    if (c.at) out.at = [c.at[0], c.at[1]];
    return out;
  }

  citations(r: DomainRecord): ResolvedCitation[] {
    const sources = 'sources' in r.content ? r.content.sources : undefined;
    return (sources ?? []).map((c) => this.citation(c));
  }

  /** Describes a referenced record in a few words of its own content. */
  describe(id: string): RefSummary {
    const headId = this.canonical(id);
    const r = this.records.get(headId);
    if (r) return { id, headId, kind: slugOfKind(r.kind), label: labelOf(r), attribution: this.attribution(r.event), found: true };
    const e = this.raw.get(id);
    if (e) {
      const label = e.kind === Kind.MediaDescriptor ? truncate(e.content) || (e.tags.find((t) => t[0] === 'm')?.[1] ?? '') : '';
      return { id, headId, kind: slugOfKind(e.kind), label, attribution: this.attribution(e), found: true };
    }
    return { id, headId, label: '', found: false };
  }

  describeRefs(r: DomainRecord, role: RefRole): RefSummary[] {
    return refsOf(r, role).map((id) => this.describe(id));
  }

  /** Translations of any version of `id`, one per language: human before machine, current before stale, latest. */
  translations(id: string): Record<string, TranslationView> {
    const head = this.canonical(id);
    const out: Record<string, TranslationView> = {};
    for (const t of this.referrers(id, 'translates', Kind.Translation)) {
      const target = refsOf(t, 'translates')[0] ?? '';
      const f = t.content.fields;
      const view: TranslationView = {
        id: t.event.id,
        lang: t.content.lang,
        from: t.content.from,
        fields: { ...f },
        text: f.text ?? f.statement ?? f.title ?? Object.values(f)[0] ?? '',
        machine: t.content.machine,
        current: target === head,
        attribution: this.attribution(t.event),
      };
      if (t.content.translator !== undefined) view.translator = t.content.translator;
      const prev = out[view.lang];
      if (!prev || rankTranslation(view) > rankTranslation(prev)) out[view.lang] = view;
    }
    return out;
  }
}

function rankTranslation(t: TranslationView): number {
  return (t.machine ? 0 : 2) * 1e12 + (t.current ? 1e12 : 0) + t.attribution.createdAt;
}

function labelOf(r: DomainRecord): string {
  switch (r.kind) {
    case Kind.SourceDocument:
    case Kind.Event:
      return truncate(r.content.title);
    case Kind.Testimony:
      return `${r.content.witness.description}: “${truncate(r.content.text, 60)}”`;
    case Kind.PersonOfConcern:
      return r.content.name;
    case Kind.PersonStatus:
      return r.content.when?.label ? `${r.content.status} (${r.content.when.label})` : r.content.status;
    case Kind.Claim:
      return `${r.content.claimant.name}: “${truncate(r.content.statement, 60)}”`;
    case Kind.Assessment:
      return `${r.content.verdict}: ${truncate(r.content.note, 60)}`;
    case Kind.Translation:
      return `${r.content.from} → ${r.content.lang}`;
  }
}

/** Parses the input once; views accept either raw events or a prepared index. */
export function indexOf(input: readonly VerifiedEvent[] | ArchiveIndex, opts?: ViewOptions): ArchiveIndex {
  return input instanceof ArchiveIndex ? input : new ArchiveIndex(input, opts);
}
