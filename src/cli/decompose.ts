import { parseArgs } from "node:util";
import { proposeServiceCut } from "../analyze/decompose/propose-service-cut.js";
import type { ServiceCutOptions } from "../analyze/decompose/service-cut.js";
import { formatServiceCut } from "../emit/doc/format-service-cut.js";
import { loadSpecFile } from "../spec/load-spec.js";
import { type Command, EXIT_OK, UsageError } from "./io.js";
import { reportError } from "./report-input-error.js";

const USAGE =
  "archwright decompose <archwright.yaml> [--format text|json] [--seed N] [--team-size N] [--resolution R]";

function positiveNumber(flag: string, value: string | undefined, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new UsageError(`--${flag} takes a positive ${integer ? "integer" : "number"}, got \`${value}\``);
  }
  return n;
}

/** Proposes where the spec's entities should split into services; text for people, json for tools (docs/decomposition.md). */
export const decompose: Command = async (args, io) => {
  try {
    const { positionals, values } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        format: { type: "string", default: "text" },
        seed: { type: "string" },
        "team-size": { type: "string" },
        resolution: { type: "string" },
      },
    });
    if (positionals.length !== 1) throw new UsageError(`decompose takes exactly one spec file: ${USAGE}`);
    if (values.format !== "text" && values.format !== "json") {
      throw new UsageError(`--format must be text or json, got \`${values.format}\``);
    }
    const options: ServiceCutOptions = {
      seed: positiveNumber("seed", values.seed, true),
      teamSize: positiveNumber("team-size", values["team-size"], true),
      resolution: positiveNumber("resolution", values.resolution, false),
    };
    const { model } = await loadSpecFile(positionals[0] ?? "");
    const cut = proposeServiceCut(model, options);
    io.stdout(
      values.format === "json"
        ? `${JSON.stringify(cut, null, 2)}\n`
        : formatServiceCut(cut, model.system.name),
    );
    return EXIT_OK;
  } catch (error) {
    return reportError(error, io);
  }
};
