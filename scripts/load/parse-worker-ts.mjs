// Entry of a parse worker when danhba runs from TypeScript sources (tsx, vitest): a worker does
// not inherit the parent's loader hooks on Node 20, so it registers tsx before loading the worker.
import { register } from 'tsx/esm/api';

register();
await import('./parse-worker.ts');
