// Module hooks (node:module register) that append every resolved module URL to $MODULE_TRACE_FILE.
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (process.env.MODULE_TRACE_FILE) appendFileSync(process.env.MODULE_TRACE_FILE, `${resolved.url}\n`);
  return resolved;
}
