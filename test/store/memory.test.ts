import { MemoryStore } from '../../src/store/memory.ts';
import { runStoreAcceptance } from './acceptance.ts';

runStoreAcceptance('MemoryStore', () => new MemoryStore());
