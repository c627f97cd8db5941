import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown } from '../../client/src/components/markdown';

const render = (text: string, className?: string) =>
  renderToStaticMarkup(createElement(Markdown, className === undefined ? { text } : { text, className }));

describe('scenario Markdown (briefs and inject bodies)', () => {
  it('renders paragraphs, bold, italic, code and both kinds of list', () => {
    const html = render(
      [
        'Traffic is up **5x** since _Monday_; see `db-primary`.',
        'Still the same paragraph.',
        '',
        '- cut the CDN bill',
        '- hire two SREs',
        '',
        '1) call the board',
        '2) call the press',
      ].join('\n'),
    );
    expect(html).toContain('<strong>5x</strong>');
    expect(html).toContain('<em>Monday</em>');
    expect(html).toContain('<code>db-primary</code>');
    expect(html).toMatch(/<p>Traffic is up .*\nStill the same paragraph\.<\/p>/);
    expect(html).toMatch(/<ul>\s*<li>cut the CDN bill<\/li>\s*<li>hire two SREs<\/li>\s*<\/ul>/);
    expect(html).toMatch(/<ol>\s*<li>call the board<\/li>\s*<li>call the press<\/li>\s*<\/ol>/);
  });

  it('shows headings as emphasised lines below the card heading, in the given wrapper class', () => {
    const html = render('## Your mandate\nKeep the lights on.', 'inject-body markdown');
    expect(html).toMatch(/^<div class="inject-body markdown">/);
    expect(html).toContain('<p class="markdown-heading"><strong>Your mandate</strong></p>');
    expect(html).not.toMatch(/<h[1-6]/);
  });

  it('never turns scenario text into markup: raw HTML is dropped, links and images become text', () => {
    const html = render(
      [
        '<script>alert(1)</script>',
        '',
        'Hello <img src=x onerror="alert(2)"> there <b onclick="alert(3)">bold</b>.',
        '',
        '[press release](javascript:alert(4)) and [wiki](https://example.com)',
        '',
        '![tracking pixel](https://example.com/pixel.png)',
      ].join('\n'),
    );
    expect(html).not.toMatch(/<script|<img|<b[ >]|<a[ >]|onerror|onclick|javascript:|https:|alert/);
    expect(html).toContain('press release and wiki');
    expect(html).toContain('tracking pixel');
  });
});
