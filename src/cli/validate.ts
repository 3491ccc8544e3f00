import { parseArgs } from "node:util";
import { checkAccess } from "../analyze/access/check-access.js";
import { InputError } from "../diagnostics/diagnostic.js";
import { loadSpecFile } from "../spec/load-spec.js";
import { type Command, EXIT_OK, UsageError } from "./io.js";
import { reportError } from "./report-input-error.js";

export const validate: Command = async (args, io) => {
  try {
    const { positionals } = parseArgs({ args: [...args], allowPositionals: true, options: {} });
    if (positionals.length !== 1)
      throw new UsageError("validate takes exactly one spec file: archwright validate <archwright.yaml>");
    const path = positionals[0] ?? "";
    const { model } = await loadSpecFile(path);
    const access = checkAccess(model);
    if (access.errors.length > 0) throw new InputError(access.errors);
    for (const w of access.warnings)
      io.stderr(`${w.location.file}:${w.location.line}:${w.location.column}: warning: ${w.message}\n`);
    io.stdout(
      `${path}: ok (${count(model.entities.length, "entity", "entities")}, ${count(model.useCases.length, "use case", "use cases")}, ${count(model.services.length, "service", "services")})\n`,
    );
    return EXIT_OK;
  } catch (error) {
    return reportError(error, io);
  }
};

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
