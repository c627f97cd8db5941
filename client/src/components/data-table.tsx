import type { ReactNode } from 'react';
import { keyed } from '../lib/keyed';

/** A column heading; `hidden` ones are read by screen readers only (a column of buttons). */
export type Column = string | { text: string; hidden: true };

/**
 * A table of records: a caption for screen readers and one heading per column, so every table in
 * the client reads the same way to assistive technology. The rows are the children.
 */
export function DataTable({
  caption,
  columns,
  className,
  footer,
  children,
}: {
  caption: string;
  columns: readonly Column[];
  /** Added to `data-table`. */
  className?: string;
  /** Rows for a `tfoot` (totals). */
  footer?: ReactNode;
  children: ReactNode;
}) {
  return (
    <table className={className ? `data-table ${className}` : 'data-table'}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {keyed(columns, (column) => (typeof column === 'string' ? column : column.text)).map(
            ({ key, item: column }) => (
              <th scope="col" key={key}>
                {typeof column === 'string' ? column : <span className="visually-hidden">{column.text}</span>}
              </th>
            ),
          )}
        </tr>
      </thead>
      <tbody>{children}</tbody>
      {footer && <tfoot>{footer}</tfoot>}
    </table>
  );
}
