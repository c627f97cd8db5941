import { keyed } from '../lib/keyed';

/** A titled list of plain sentences (discussion questions, expected actions); nothing when empty. */
export function TextList({
  title,
  items,
  className,
}: {
  title: string;
  items: readonly string[];
  className?: string;
}) {
  if (items.length === 0) return null;
  return (
    <div className={className}>
      <p>
        <strong>{title}</strong>
      </p>
      <ul>
        {keyed(items, (item) => item).map(({ key, item }) => (
          <li key={key}>{item}</li>
        ))}
      </ul>
    </div>
  );
}
