/** Markdown that stays what it says: names escaped, and the whole cut to GitHub's size limit. */
import { visible } from '../../text/visible.js';

/**
 * Text in markdown that stays text (GitHub's markdown: step summaries, pull-request comments): control
 * characters shown, emphasis, code and "|" escaped (an "_" inside a word is no emphasis), no link or image ("](" is broken), no HTML tag
 * or comment ("<" before a letter, "/", "!" or "?"), and no @mention or #123 reference, which GitHub
 * makes of plain text: a word joiner (U+2060) keeps them apart.
 */
export function markdownText(text: string): string {
  return visible(text)
    .replace(/[\\`*~|]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, '\\$&')
    .replace(/\](?=[([])/g, '\\]')
    .replace(/<(?=[A-Za-z/!?])/g, '\\<')
    .replace(/([@#])(?=\w)/g, '$1\u2060');
}

/** A markdown table cell: text, and a "|" kept from starting a new column. */
export const markdownCell = markdownText;

/** GitHub's limit on a comment's or a job summary's size, in characters. */
export const GITHUB_MARKDOWN_LIMIT = 65_536;

/** Markdown cut at a line to fit `limit` characters, saying what was cut. */
export function fitMarkdown(markdown: string, limit = GITHUB_MARKDOWN_LIMIT): string {
  if (markdown.length <= limit) return markdown;
  const note = (cut: number) =>
    `\n\n**Cut: ${cut} more characters** did not fit GitHub's ${limit} (the whole comparison is in the log, and in \`--reporter json\`).\n`;
  const room = limit - note(markdown.length).length;
  const end = Math.max(0, markdown.lastIndexOf('\n', room));
  return `${markdown.slice(0, end)}${note(markdown.length - end)}`;
}
