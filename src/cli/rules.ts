import { didYouMean } from "../diagnostics/did-you-mean.js";
import { ruleCatalog, ruleMetas } from "../review/rule-catalog.js";
import { type Command, EXIT_INPUT, EXIT_OK } from "./io.js";

/** `archwright rules [rule-id]`: lists every rule, or explains one. */
export const rules: Command = async (args, io) => {
  if (args.length > 1 || args[0]?.startsWith("-")) {
    io.stderr("usage: archwright rules [rule-id]\n");
    return EXIT_INPUT;
  }
  const id = args[0];
  const metas = ruleMetas();
  if (id === undefined) {
    const width = Math.max(...metas.map((m) => m.id.length));
    const areaWidth = Math.max(...metas.map((m) => m.area.length));
    const lines = metas.map(
      (m) =>
        `${m.id.padEnd(width)}  ${m.area.padEnd(areaWidth)}  ${m.defaultSeverity.padEnd(7)}  ${m.description}`,
    );
    io.stdout(`${lines.join("\n")}\n\n${metas.length} rules. \`archwright rules <id>\` explains one.\n`);
    return EXIT_OK;
  }
  const meta = metas.find((m) => m.id === id);
  if (meta === undefined) {
    const suggestion = didYouMean(
      id,
      ruleCatalog.map((e) => e.rule.meta.id),
    );
    io.stderr(
      `archwright rules: unknown rule "${id}"${suggestion ? `; did you mean "${suggestion}"?` : ""}\nRun \`archwright rules\` to list them.\n`,
    );
    return EXIT_INPUT;
  }
  const out = [
    `${meta.id} (${meta.area}, ${meta.defaultSeverity} by default)`,
    "",
    meta.description,
    "",
    `Why: ${meta.rationale}`,
    "",
    `How to fix: ${meta.howToFix}`,
  ];
  if (meta.owasp) out.push("", `OWASP API Security Top 10: ${meta.owasp}`);
  io.stdout(`${out.join("\n")}\n`);
  return EXIT_OK;
};
