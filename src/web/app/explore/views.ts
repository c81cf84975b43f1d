/**
 * The derived views of the loaded archive, built once per archive load and shared by the pages
 * (moving from the timeline to the map does not rebuild the timeline).
 */
import { buildClaims, buildPeople, buildTimeline, type ArchiveIndex, type ClaimView, type PersonView, type Timeline } from '../../../core/views/index.ts';
import type { RefRole } from '../../../core/records.ts';

function memo<T>(build: (ix: ArchiveIndex) => T): (ix: ArchiveIndex) => T {
  const cache = new WeakMap<ArchiveIndex, T>();
  return (ix) => {
    let v = cache.get(ix);
    if (v === undefined) cache.set(ix, (v = build(ix)));
    return v;
  };
}

export const timelineOf: (ix: ArchiveIndex) => Timeline = memo((ix) => buildTimeline(ix));
export const peopleOf: (ix: ArchiveIndex) => PersonView[] = memo((ix) => buildPeople(ix));
export const claimsOf: (ix: ArchiveIndex) => ClaimView[] = memo((ix) => buildClaims(ix));

export interface LinkIn {
  /** Head id of the referring record. */
  from: string;
  role: RefRole;
}

/** Every record that references each id (any version resolves to the current one), for "links in". */
export const linksInOf: (ix: ArchiveIndex) => Map<string, LinkIn[]> = memo((ix) => {
  const out = new Map<string, LinkIn[]>();
  for (const r of ix.heads()) {
    for (const ref of r.refs) {
      const key = ix.canonical(ref.id);
      const list = out.get(key);
      const link = { from: r.event.id, role: ref.role };
      if (list) list.push(link);
      else out.set(key, [link]);
    }
  }
  return out;
});
