export interface SectionTab<K extends string> {
  id: K;
  label: string;
  /** Unread items: shown as a badge, and read out with the label. */
  unread: number;
}

/**
 * The section switcher of a phone page: one button per section with its unread badge. On wide
 * screens every section shows at once and the switcher is hidden (styles.css, player page).
 * Buttons with `aria-pressed` rather than an ARIA tab list: the sections are ordinary regions
 * with headings, all of them present in the page.
 */
export function SectionTabs<K extends string>({
  tabs,
  open,
  onOpen,
  label,
}: {
  tabs: readonly SectionTab<K>[];
  open: K;
  onOpen: (id: K) => void;
  label: string;
}) {
  return (
    <nav className="section-tabs" aria-label={label}>
      {tabs.map((tab) => (
        <button
          key={tab.id}
          type="button"
          className="section-tab"
          aria-pressed={tab.id === open}
          aria-controls={`section-${tab.id}`}
          onClick={() => onOpen(tab.id)}
        >
          {tab.label}
          {tab.unread > 0 && (
            <span className="unread-badge">
              {tab.unread}
              <span className="visually-hidden"> new</span>
            </span>
          )}
        </button>
      ))}
    </nav>
  );
}
