/**
 * Text a scenario file chose (scenario, mode and parameter names, error messages) shown as what it
 * is: a newline, a carriage return or an ANSI escape in a name must not move the cursor, recolour
 * the terminal, forge a line of the report or break a table.
 */

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Control characters (C0, DEL, C1) and the bidirectional overrides that reorder what is shown,
 * written as escapes: "a\x1b[31mb" reads as `a\x1b[31mb`, "x\ny" as `x\ny`.
 */
export function visible(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (character) => {
    const code = character.charCodeAt(0);
    return NAMED[character] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`);
  });
}

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

/** GitHub's limit on a comment or a summary's size, in characters. */
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
