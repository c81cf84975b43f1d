/**
 * The draft of a testimony lives in IndexedDB from the first keystroke: a reload, a closed tab,
 * a pulled cable or a dead battery must never cost a witness what they wrote. Photos are kept
 * as Blobs under their own keys (only the stripped copy: the original with its GPS is never
 * stored), so typing does not rewrite megabytes.
 */
import { createStore, get, set, del, delMany, getMany, type UseStore } from 'idb-keyval';
import type { PersonStatusValue } from '../../../core/records.ts';

export interface PhotoDraft {
  id: string;
  width: number;
  height: number;
  size: number;
  alt: string;
}

export interface PersonDraft {
  /** Local key for the list; not a record id. */
  key: string;
  /** Set when the witness linked a person already in the archive. */
  existingId?: string;
  name: string;
  aliases: string;
  description: string;
  status: '' | PersonStatusValue;
  statusNote: string;
}

export interface WhereDraft {
  mode: 'place' | 'coords';
  /** Gazetteer id of the picked place. */
  placeId?: string;
  query: string;
  coordName: string;
  lat: string;
  lon: string;
}

export interface Draft {
  v: 1;
  text: string;
  lang: string;
  /** True once the witness chose the language: detection stops overriding it. */
  langChosen: boolean;
  witness: string;
  firsthand: boolean;
  when: string;
  where: WhereDraft;
  people: PersonDraft[];
  photos: PhotoDraft[];
}

export function emptyDraft(lang = 'en'): Draft {
  return {
    v: 1,
    text: '',
    lang,
    langChosen: false,
    witness: '',
    firsthand: true,
    when: '',
    where: { mode: 'place', query: '', coordName: '', lat: '', lon: '' },
    people: [],
    photos: [],
  };
}

export function isBlank(d: Draft): boolean {
  return d.text.trim() === '' && d.witness.trim() === '' && d.when.trim() === '' && d.people.length === 0 && d.photos.length === 0;
}

const DRAFT_KEY = 'draft';
const photoKey = (id: string) => `photo:${id}`;

let store: UseStore | undefined;
// Our own database, so other parts of the app using idb-keyval's default store cannot clash.
const db = (): UseStore => (store ??= createStore('keruen-capture', 'drafts'));

export interface LoadedDraft {
  draft: Draft;
  blobs: Map<string, Blob>;
}

export async function loadDraft(): Promise<LoadedDraft | undefined> {
  const draft = await get<Draft>(DRAFT_KEY, db());
  if (draft?.v !== 1) return undefined;
  const found = await getMany<Blob | undefined>(draft.photos.map((p) => photoKey(p.id)), db());
  const blobs = new Map<string, Blob>();
  draft.photos.forEach((p, i) => {
    const b = found[i];
    if (b instanceof Blob) blobs.set(p.id, b);
  });
  // A photo whose bytes did not make it to disk (tab closed mid-write) is dropped, not shown broken.
  return { draft: { ...draft, photos: draft.photos.filter((p) => blobs.has(p.id)) }, blobs };
}

export function savePhotoBlob(id: string, blob: Blob): Promise<void> {
  return set(photoKey(id), blob, db());
}

export function deletePhotoBlob(id: string): Promise<void> {
  return del(photoKey(id), db());
}

export async function clearDraft(draft: Draft): Promise<void> {
  await delMany([DRAFT_KEY, ...draft.photos.map((p) => photoKey(p.id))], db());
}

/**
 * Writes the newest draft, one write at a time: while a write is in flight further changes
 * only replace the pending value, so the last state always lands and none is written twice.
 */
export class DraftWriter {
  #pending: Draft | undefined;
  #running = false;
  constructor(private readonly onState: (s: 'saving' | 'saved' | 'failed') => void) {}

  save(draft: Draft): void {
    this.#pending = draft;
    if (!this.#running) void this.#drain();
  }

  /** Resolves once everything asked so far is on disk. */
  async flush(): Promise<void> {
    while (this.#running || this.#pending !== undefined) {
      if (!this.#running) await this.#drain();
      else await new Promise((r) => setTimeout(r, 10));
    }
  }

  async #drain(): Promise<void> {
    this.#running = true;
    try {
      while (this.#pending !== undefined) {
        const d = this.#pending;
        this.#pending = undefined;
        this.onState('saving');
        try {
          await set(DRAFT_KEY, d, db());
          if (this.#pending === undefined) this.onState('saved');
        } catch {
          this.onState('failed');
        }
      }
    } finally {
      this.#running = false;
    }
  }
}
