import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { draftSpecFromBrief } from "../brief/draft-spec-from-brief.js";
import { diagnostic, InputError } from "../diagnostics/diagnostic.js";
import { INIT_USAGE } from "./init-usage.js";
import { type Command, EXIT_OK, UsageError } from "./io.js";
import { reportError } from "./report-input-error.js";

/** `archwright init`: a brief in, a draft archwright.yaml out (which always validates). */
export const init: Command = async (args, io) => {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        out: { type: "string", short: "o", default: "archwright.yaml" },
        force: { type: "boolean", short: "f", default: false },
        from: { type: "string" },
        quiet: { type: "boolean", short: "q", default: false },
      },
    });
    const brief = await readBrief(positionals, values.from, io);
    if (brief.trim() === "")
      throw new UsageError("the brief is empty: say what the system does, who uses it, and how much");
    const draft = draftSpecFromBrief(brief);
    if (values.out === "-") {
      io.stdout(draft.yaml);
      return EXIT_OK;
    }
    const target = resolve(io.cwd, values.out);
    if (!values.force && (await stat(target).catch(() => undefined)) !== undefined)
      throw new UsageError(`${values.out} already exists; pass --force to replace it`);
    await writeFileAtomically(target, draft.yaml);
    if (!values.quiet) {
      const entities = draft.items.filter((i) => i.kind === "entity").length;
      const useCases = draft.items.filter((i) => i.kind === "useCase").length;
      io.stdout(
        `wrote ${values.out}: ${entities} entit${entities === 1 ? "y" : "ies"}, ${useCases} use case${useCases === 1 ? "" : "s"}, ${draft.questions.length} open question${draft.questions.length === 1 ? "" : "s"} at the top of the file\n`,
      );
    }
    return EXIT_OK;
  } catch (error) {
    return reportError(error, io, { usage: INIT_USAGE });
  }
};

async function readBrief(
  positionals: readonly string[],
  from: string | undefined,
  io: { cwd: string; stdin?: () => Promise<string> },
): Promise<string> {
  if (from !== undefined) {
    if (positionals.length > 0) throw new UsageError("give the brief as text or with --from, not both");
    try {
      return await readFile(resolve(io.cwd, from), "utf8");
    } catch (error) {
      const reason =
        (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
      throw new InputError([
        diagnostic("input/unreadable", `cannot read ${from}: ${reason}`, { file: from, line: 1, column: 1 }),
      ]);
    }
  }
  if (positionals.length !== 1)
    throw new UsageError('init takes one brief: archwright init "<brief>" (quote it)');
  if (positionals[0] === "-") {
    if (io.stdin === undefined) throw new UsageError("no standard input to read the brief from");
    return io.stdin();
  }
  return positionals[0] ?? "";
}

/** A temporary file beside the target, renamed over it: the target is never half-written. */
async function writeFileAtomically(target: string, content: string): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const temporary = join(dirname(target), `.${basename(target)}.tmp-${randomBytes(6).toString("hex")}`);
  try {
    await writeFile(temporary, content);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
