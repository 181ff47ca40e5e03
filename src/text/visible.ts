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
