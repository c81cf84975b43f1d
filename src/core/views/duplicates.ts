/**
 * Curators' "duplicates" assessments merge two records of the same kind (two person records for
 * one person, two event records for one event) in the views, never silently: the merged item
 * lists every record it absorbed and every assessment that decided it, with its reason and its
 * author. Merging is transitive (A = B and B = C make one item); the record shown first is the
 * oldest (`created_at`, then id), so the result does not depend on the order records arrive in.
 */
import { Kind } from '../kinds.ts';
import { refsOf, type DomainRecord } from '../records.ts';
import type { ArchiveIndex, Attribution } from './common.ts';

/** A "duplicates" assessment that merged records into this item. */
export interface MergeDecision {
  /** Id of the assessment. */
  id: string;
  note: string;
  lang: string;
  /** Who decided. */
  attribution: Attribution;
  /** The two records it says are the same: its target, then its evidence. */
  records: [string, string];
}

/** What an item absorbed: the other records and the decisions. Empty lists when nothing merged. */
export interface Merged {
  /** Heads of the other records merged into this one, oldest first. */
  ids: string[];
  decisions: MergeDecision[];
}

export interface DuplicateGroups {
  /** Head id → head id of the record its group is shown as. */
  representative: Map<string, string>;
  /** Representative → every member head (itself first) and the decisions. */
  groups: Map<string, { members: DomainRecord[]; decisions: MergeDecision[] }>;
}

type MergeableKind = typeof Kind.PersonOfConcern | typeof Kind.Event;

function older(a: DomainRecord, b: DomainRecord): number {
  return a.event.created_at - b.event.created_at || (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0);
}

/** Groups the heads of `kind` that curators said are the same. */
export function duplicateGroups(ix: ArchiveIndex, kind: MergeableKind): DuplicateGroups {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root) as string;
    return root;
  };
  const touched = new Set<string>();
  const decisionsRaw: { decision: MergeDecision; a: string }[] = [];
  for (const s of ix.heads(Kind.Assessment)) {
    if (s.content.verdict !== 'duplicates') continue;
    const target = ix.head(refsOf(s, 'target')[0] ?? '');
    if (target?.kind !== kind) continue;
    for (const evidenceId of refsOf(s, 'evidence')) {
      const other = ix.head(evidenceId);
      if (other?.kind !== kind || other.event.id === target.event.id) continue;
      touched.add(target.event.id).add(other.event.id);
      const a = find(target.event.id);
      const b = find(other.event.id);
      // Union by age: the older root stays root, whatever the order of the assessments.
      if (a !== b) {
        const ra = ix.head(a) as DomainRecord;
        const rb = ix.head(b) as DomainRecord;
        if (older(ra, rb) <= 0) parent.set(b, a);
        else parent.set(a, b);
      }
      decisionsRaw.push({
        a: target.event.id,
        decision: { id: s.event.id, note: s.content.note, lang: s.content.lang, attribution: ix.attribution(s.event), records: [target.event.id, other.event.id] },
      });
    }
  }
  const representative = new Map<string, string>();
  const groups: DuplicateGroups['groups'] = new Map();
  for (const r of ix.heads(kind)) {
    if (!touched.has(r.event.id)) continue;
    const root = find(r.event.id);
    representative.set(r.event.id, root);
    let g = groups.get(root);
    if (!g) groups.set(root, (g = { members: [], decisions: [] }));
    g.members.push(r);
  }
  for (const { a, decision } of decisionsRaw) groups.get(find(a))?.decisions.push(decision);
  for (const g of groups.values()) {
    g.members.sort(older);
    g.decisions.sort((x, y) => x.attribution.createdAt - y.attribution.createdAt || (x.id < y.id ? -1 : x.id > y.id ? 1 : x.records[1] < y.records[1] ? -1 : 1));
  }
  return { representative, groups };
}

/** The merge record of the item shown for `head` (empty when it absorbed nothing). */
export function mergedInto(d: DuplicateGroups, head: string): Merged {
  const g = d.groups.get(head);
  if (!g) return { ids: [], decisions: [] };
  return { ids: g.members.slice(1).map((m) => m.event.id), decisions: g.decisions };
}

/** The id an item is shown under: its group's representative, or itself. */
export function shownAs(d: DuplicateGroups, head: string): string {
  return d.representative.get(head) ?? head;
}
