/**
 * Inline suppression in SQL: `-- archwright-ignore: rule-a, rule-b` (or `*` for every rule) on the
 * line of a finding, or on the comment line(s) just above the statement it points into.
 */
const DIRECTIVE = /--\s*archwright-ignore:\s*([A-Za-z0-9*,\s-]+)/;

export class SqlSuppressions {
  /** 1-based line -> rule ids suppressed there. */
  readonly #byLine = new Map<number, Set<string>>();

  constructor(text: string) {
    const lines = text.split(/\r?\n/);
    // Ids from comment lines of their own apply to the following statement, up to its `;`.
    let statement: string[] = [];
    for (const [index, line] of lines.entries()) {
      const ids =
        DIRECTIVE.exec(line)?.[1]
          ?.split(",")
          .map((id) => id.trim())
          .filter(Boolean) ?? [];
      const code = line.replace(/--.*$/, "").trim();
      if (code === "") {
        statement.push(...ids);
        continue;
      }
      const here = [...statement, ...ids];
      if (here.length > 0) this.#byLine.set(index + 1, new Set(here));
      if (code.includes(";")) statement = [];
    }
  }

  suppresses(ruleId: string, line: number): boolean {
    const ids = this.#byLine.get(line);
    return ids !== undefined && (ids.has(ruleId) || ids.has("*"));
  }
}
