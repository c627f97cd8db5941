import { didYouMean } from '../suggest';
import { ID_PATTERN, listItems, type Reading } from './cell-text';

interface Named {
  id: string;
  name: string;
}

/**
 * Roles or objectives separated by ";" or line breaks (or commas, where no name has one): ids always,
 * and names (objective titles) when the scenario is known. Without the scenario a name cannot be told
 * from a misspelt id, so the entries must be ids.
 */
export function readReferences(
  text: string,
  kind: 'role' | 'objective',
  known: Named[] | undefined,
): Reading<string[]> {
  const entries = text
    .split(/[;\n]/)
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (known === undefined) {
    const ids = entries.flatMap(listItems);
    const names = ids.filter((entry) => !ID_PATTERN.test(entry));
    if (names.length === 0) return { ok: true, value: ids };
    const quoted = names.map((name) => `"${name}"`).join(', ');
    return {
      ok: false,
      message: `${quoted} ${names.length === 1 ? `is not ${kind === 'role' ? 'a role' : 'an objective'} id` : `are not ${kind} ids`}; names are read only when the scenario is known, so write ids or import with the scenario`,
    };
  }
  const byKey = new Map<string, string[]>();
  for (const { id, name } of known) {
    const ids = byKey.get(name.trim().toLowerCase()) ?? [];
    byKey.set(name.trim().toLowerCase(), [...ids, id]);
  }
  for (const { id } of known) byKey.set(id, [id]); // an id always means its own entry
  const value: string[] = [];
  const messages: string[] = [];
  const resolve = (entry: string) => {
    const ids = byKey.get(entry.toLowerCase())!;
    if (ids.length > 1) messages.push(`"${entry}" names more than one ${kind}; write the ${kind}'s id`);
    else if (!value.includes(ids[0]!)) value.push(ids[0]!);
  };
  for (const entry of entries) {
    const parts = listItems(entry);
    if (byKey.has(entry.toLowerCase())) resolve(entry);
    else if (parts.length > 1 && parts.every((part) => byKey.has(part.toLowerCase()))) parts.forEach(resolve);
    else {
      // Roles are written by name, objectives by id (see the export).
      const names = known.map((k) => (kind === 'role' ? k.name : k.id));
      const hint =
        didYouMean(entry, [...names, ...known.map((k) => k.id)]) ||
        (known.length === 0 ? `; the scenario has no ${kind}s` : `; ${kind}s: ${names.join(', ')}`);
      messages.push(`unknown ${kind} "${entry}"${hint}`);
    }
  }
  return messages.length === 0 ? { ok: true, value } : { ok: false, message: messages.join('; ') };
}
