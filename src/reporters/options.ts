/** What the CLI tells a result reporter about where its text goes. */
export interface ReporterOptions {
  color: boolean;
}
