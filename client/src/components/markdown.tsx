import { Fragment, type ReactNode } from 'react';
import { keyed } from '../lib/keyed';

/**
 * A small Markdown subset for briefs and inject bodies (paragraphs, headings, lists, bold,
 * italic, code), rendered as React elements: scenario text never becomes raw HTML, so an
 * author's file cannot inject script into a player's page.
 */
export function Markdown({ text, className }: { text: string; className?: string }) {
  return <div className={className ?? 'markdown'}>{blocks(text)}</div>;
}

function blocks(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | undefined;

  const flushParagraph = () => {
    // Blocks are keyed by position: the same text always renders the same sequence of blocks.
    if (paragraph.length > 0) out.push(<p key={`p${out.length}`}>{inline(paragraph.join(' '))}</p>);
    paragraph = [];
  };
  const flushList = () => {
    if (!list) return;
    const items = keyed(list.items, (item) => item).map(({ key, item }) => <li key={key}>{inline(item)}</li>);
    out.push(
      list.ordered ? <ol key={`l${out.length}`}>{items}</ol> : <ul key={`l${out.length}`}>{items}</ul>,
    );
    list = undefined;
  };

  for (const raw of lines) {
    const line = raw.trim();
    const bullet = /^[-*+]\s+(.*)$/.exec(line);
    const numbered = /^\d+[.)]\s+(.*)$/.exec(line);
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (line === '') {
      flushParagraph();
      flushList();
    } else if (heading) {
      flushParagraph();
      flushList();
      // Headings inside a card sit below the card's own heading level.
      out.push(
        <p key={`h${out.length}`} className="markdown-heading">
          <strong>{inline(heading[2] ?? '')}</strong>
        </p>,
      );
    } else if (bullet || numbered) {
      flushParagraph();
      const ordered = Boolean(numbered);
      if (list && list.ordered !== ordered) flushList();
      list ??= { ordered, items: [] };
      list.items.push((bullet?.[1] ?? numbered?.[1]) as string);
    } else if (list && raw.startsWith('  ')) {
      list.items[list.items.length - 1] += ` ${line}`;
    } else {
      flushList();
      paragraph.push(line);
    }
  }
  flushParagraph();
  flushList();
  return out;
}

const INLINE = /(\*\*[^*]+\*\*|__[^_]+__|\*[^*\s][^*]*\*|_[^_\s][^_]*_|`[^`]+`|\[[^\]]+\]\([^)]+\))/;

function inline(text: string): ReactNode {
  const parts = text.split(INLINE).filter((part) => part !== '');
  return keyed(parts, (part) => part).map(({ key, item: part }) => {
    if (/^(\*\*|__)/.test(part)) return <strong key={key}>{part.slice(2, -2)}</strong>;
    if (/^[*_]/.test(part) && part.length > 2) return <em key={key}>{part.slice(1, -1)}</em>;
    if (part.startsWith('`')) return <code key={key}>{part.slice(1, -1)}</code>;
    // Links are shown as their text: exercise material should not send players off-site.
    const link = /^\[([^\]]+)\]\([^)]+\)$/.exec(part);
    return <Fragment key={key}>{link ? link[1] : part}</Fragment>;
  });
}
