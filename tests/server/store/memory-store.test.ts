import { MemoryStore } from '../../../server/store/memory-store';
import { describeStoreContract } from './contract';

describeStoreContract('memory', async () => new MemoryStore());
