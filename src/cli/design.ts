import { parseArgs } from "node:util";
import { checkDesign } from "../design/check-design.js";
import { designSystem } from "../design/design-system.js";
import { readUserOwnedFiles } from "../emit/output/user-owned-files.js";
import { writeOutputAtomically } from "../emit/output/write-output.js";
import { emitService, USER_OWNED_SERVICE_PATHS } from "../emit/service/emit-service.js";
import { serviceExtraFiles } from "../emit/service/service-extra-files.js";
import { loadSpecFile } from "../spec/load-spec.js";
import { byteSize, NO_TRACE } from "../trace/stage-trace.js";
import { startTraceRun, type TraceRun } from "../trace/trace-run.js";
import { verifyDesign } from "../verify/verify-design.js";
import { type Command, EXIT_OK, UsageError } from "./io.js";
import { reportError } from "./report-input-error.js";
import { endTrace, takeTraceFlag } from "./trace-flag.js";

/** Where `--service` puts the runnable service inside the output folder. */
const SERVICE_FOLDER = "service";

/** Exit code when --verify finds that archwright emitted something broken: a bug, not bad input. */
const EXIT_VERIFY_FAILED = 3;

export const design: Command = async (args, io) => {
  let tracing: TraceRun | undefined;
  try {
    const { rest, trace } = takeTraceFlag(args, io.cwd);
    tracing = trace ? startTraceRun("archwright design", trace) : undefined;
    const stages = tracing ?? NO_TRACE;
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        out: { type: "string", short: "o", default: "design" },
        verify: { type: "boolean", default: false },
        "no-svg": { type: "boolean", default: false },
        seed: { type: "string" },
        cut: { type: "string", default: "recommended" },
        quiet: { type: "boolean", short: "q", default: false },
        service: { type: "boolean", default: false },
      },
    });
    if (positionals.length !== 1)
      throw new UsageError("design takes one spec file: archwright design <archwright.yaml> [--out design/]");
    const seed = values.seed === undefined ? undefined : Number(values.seed);
    if (seed !== undefined && !Number.isInteger(seed))
      throw new UsageError(`--seed must be an integer, got ${values.seed}`);
    const cut = values.cut;
    if (cut !== "recommended" && cut !== "proposed")
      throw new UsageError(`--cut must be recommended or proposed, got ${cut}`);
    const path = positionals[0] ?? "";
    const { model } = await stages.stageAsync(
      "parse",
      { "archwright.input.file": path },
      () => loadSpecFile(path),
      (spec) => ({
        "archwright.input.bytes": byteSize([spec.source]),
        "archwright.output.entities": spec.model.entities.length,
      }),
    );
    const designed = designSystem(model, {
      svg: !values["no-svg"],
      cut,
      trace: stages,
      ...(seed !== undefined ? { seed } : {}),
    });
    const result = io.reviseDesign ? io.reviseDesign(designed) : designed;

    // The design must pass its own review and agree with itself, with or without --verify.
    const contradictions = await checkDesign(result);
    if (contradictions.length > 0) {
      io.stderr(
        `the design contradicts itself or fails its own review; nothing was written:\n${contradictions.map((f) => `  ${f}`).join("\n")}\n`,
      );
      return EXIT_VERIFY_FAILED;
    }

    if (values.verify) {
      const failures = await stages.stageAsync(
        "verify",
        { "archwright.input.migrations": result.migrations.size },
        () => verifyDesign(result.migrations, result.files),
        (found) => ({ "archwright.output.failures": found.length }),
      );
      if (failures.length > 0) {
        io.stderr(`verification failed; nothing was written:\n${failures.map((f) => `  ${f}`).join("\n")}\n`);
        return endTrace(tracing, EXIT_VERIFY_FAILED, io);
      }
    }

    const files = new Map<string, string | Uint8Array>(result.files);
    if (values.service) {
      for (const file of emitService(result, { extraFiles: serviceExtraFiles }))
        files.set(`${SERVICE_FOLDER}/${file.path}`, file.content);
      // The output folder is replaced as a whole: the team's own files are carried over unchanged.
      const owned = await readUserOwnedFiles(
        values.out,
        USER_OWNED_SERVICE_PATHS.map((p) => `${SERVICE_FOLDER}/${p}`),
      );
      for (const [path, content] of owned) files.set(path, content);
    }
    await writeOutputAtomically(values.out, files);
    if (!values.quiet) {
      const services = result.model.services;
      io.stdout(
        `wrote ${files.size} files to ${values.out.replace(/\/+$/, "")}/ (${services.length} service${services.length === 1 ? "" : "s"}: ${services.join(", ")})${values.verify ? "; migrations applied and reverted on PostgreSQL, OpenAPI lint clean" : ""}\n`,
      );
      for (const w of [...(result.applied?.warnings ?? []), ...result.warnings]) {
        io.stderr(`${w.location.file}:${w.location.line}:${w.location.column}: warning: ${w.message}\n`);
      }
    }
    return endTrace(tracing, EXIT_OK, io);
  } catch (error) {
    return endTrace(tracing, reportError(error, io), io);
  }
};
