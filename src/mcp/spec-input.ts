import { z } from "zod";
import { diagnostic, InputError } from "../diagnostics/diagnostic.js";
import type { Model } from "../model/index.js";
import { parseSpec } from "../spec/load-spec.js";
import { byteSize, type StageTrace } from "../trace/stage-trace.js";
import type { WorkingFolder } from "./working-folder.js";

/** The name errors carry for a spec passed inline. */
export const INLINE_SPEC = "archwright.yaml (inline)";

/** How tools take a spec: a file in the working folder, or its text (a drafted spec, say). */
export const specInputShape = {
  path: z.string().optional().describe("archwright.yaml in the working folder"),
  text: z.string().optional().describe("the spec's YAML, instead of path"),
};

export interface SpecInput {
  readonly path?: string | undefined;
  readonly text?: string | undefined;
}

/** Reads and parses the spec; throws InputError (located) or OutsideWorkingFolderError. */
export function loadSpecInput(input: SpecInput, folder: WorkingFolder, trace: StageTrace): Model {
  const { text, file } = specText(input, folder);
  return trace.stage(
    "parse",
    { "archwright.input.file": file, "archwright.input.bytes": byteSize([text]) },
    () => parseSpec(text, file),
    (model) => ({ "archwright.output.entities": model.entities.length }),
  );
}

function specText(input: SpecInput, folder: WorkingFolder): { text: string; file: string } {
  if (input.text !== undefined) return { text: input.text, file: INLINE_SPEC };
  const path = folder.resolve(input.path ?? "archwright.yaml");
  try {
    return { text: folder.readText(path.relative), file: path.relative };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError([
      diagnostic(
        "input/unreadable",
        `cannot read ${path.relative}: ${code === "ENOENT" ? "no such file" : code}`,
        {
          file: path.relative,
          line: 1,
          column: 1,
        },
      ),
    ]);
  }
}
