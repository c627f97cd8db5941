// `node --import ./tests/helpers/module-trace.mjs ...`: records every module the process loads (see module-trace-hooks.mjs).
import { register } from 'node:module';

register('./module-trace-hooks.mjs', import.meta.url);
