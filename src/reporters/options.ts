/** What the CLI tells a result reporter about where its text goes. */
export interface ReporterOptions {
  color: boolean;
  /** Columns a line may take (the terminal's width); undefined: no limit. */
  width?: number;
  /** `--columns`: these columns (names from reporters/document/columns.ts) or all of them; undefined: as many as the width allows, by priority. */
  columns?: readonly string[] | 'all';
}
