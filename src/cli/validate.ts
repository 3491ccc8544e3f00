import { parseArgs } from "node:util";
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
    io.stdout(
      `${path}: ok (${model.entities.length} entities, ${model.useCases.length} use cases, ${model.services.length} service${model.services.length === 1 ? "" : "s"})\n`,
    );
    return EXIT_OK;
  } catch (error) {
    return reportError(error, io);
  }
};
