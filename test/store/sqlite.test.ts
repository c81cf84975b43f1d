import { SqliteStore } from '../../src/store/sqlite.ts';
import { runStoreAcceptance } from './acceptance.ts';

runStoreAcceptance('SqliteStore', () => SqliteStore.open(':memory:'));
