import { parseArgs } from "node:util";
import { specJsonSchema } from "../spec/spec-schema.js";
import { type Command, EXIT_OK } from "./io.js";
import { reportError } from "./report-input-error.js";

/** Prints the JSON Schema of archwright.yaml, for editors (yaml-language-server) and other tools. */
export const schema: Command = async (args, io) => {
  try {
    parseArgs({ args: [...args], allowPositionals: false, options: {} });
    io.stdout(`${JSON.stringify(specJsonSchema(), null, 2)}\n`);
    return EXIT_OK;
  } catch (error) {
    return reportError(error, io);
  }
};
