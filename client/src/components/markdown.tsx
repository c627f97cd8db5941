import type { ReactNode } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';

/**
 * How scenario Markdown maps to the page. Headings inside a card sit below the card's own heading
 * level, so they read as emphasised lines rather than new sections. Links and images are shown as
 * their text: exercise material should not send players off-site or load remote content.
 */
const COMPONENTS: Components = {
  h1: Heading,
  h2: Heading,
  h3: Heading,
  h4: Heading,
  h5: Heading,
  h6: Heading,
  a: ({ children }) => <>{children}</>,
  img: ({ alt }) => <>{alt}</>,
};

function Heading({ children }: { children?: ReactNode }) {
  return (
    <p className="markdown-heading">
      <strong>{children}</strong>
    </p>
  );
}

/**
 * Briefs and inject bodies in CommonMark, rendered as React elements. `skipHtml` drops raw HTML
 * (and no rehype-raw is used), so scenario text never becomes markup: an author's file cannot
 * inject script into a player's page.
 */
export function Markdown({ text, className }: { text: string; className?: string }) {
  return (
    <div className={className ?? 'markdown'}>
      <ReactMarkdown skipHtml components={COMPONENTS}>
        {text}
      </ReactMarkdown>
    </div>
  );
}
