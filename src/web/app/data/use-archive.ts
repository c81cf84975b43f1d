/** One archive load per page visit, shared by every page; `reload()` after writing. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { LoadedArchive } from './archive.ts';

export type ArchiveState =
  | { status: 'loading' }
  | { status: 'ready'; archive: LoadedArchive }
  | { status: 'error'; message: string };

export interface ArchiveContextValue {
  state: ArchiveState;
  reload(): void;
}

export const ArchiveContext = createContext<ArchiveContextValue>({ state: { status: 'loading' }, reload: () => undefined });

export function useArchive(): ArchiveContextValue {
  return useContext(ArchiveContext);
}
