import { readFile } from "node:fs/promises";
import { LineCounter, parseDocument } from "yaml";
import { type Diagnostic, diagnostic, InputError } from "../diagnostics/diagnostic.js";
import type { Model } from "../model/index.js";
import { buildModel } from "./build-model.js";
import { checkTransactionalPlacement } from "./check-consistency.js";
import { checkDataRules } from "./check-data-rules.js";
import { checkSpec } from "./check-spec.js";
import { specSchema } from "./spec-schema.js";
import { YamlLocator } from "./yaml-locator.js";
import { zodIssueToDiagnostic } from "./zod-issue-to-diagnostic.js";

/**
 * archwright.yaml text -> Model. Throws InputError carrying every located problem found, in
 * document order: YAML syntax first (nothing else can be trusted then), then shape, then references.
 */
export function parseSpec(text: string, file: string): Model {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const locator = new YamlLocator(document, lineCounter, file);

  if (document.errors.length > 0) {
    throw new InputError(document.errors.map((error) => yamlErrorToDiagnostic(error, text, locator)));
  }
  const input: unknown = document.toJS({ maxAliasCount: 100 });
  if (input === null || input === undefined) {
    throw new InputError([
      diagnostic("spec/empty", "the spec is empty", locator.at(0), {
        expected: "a mapping starting with `archwright: 1`",
      }),
    ]);
  }
  const parsed = specSchema.safeParse(input);
  if (!parsed.success) {
    const diagnostics = parsed.error.issues.flatMap((issue) =>
      zodIssueToDiagnostic(issue, specSchema, input, locator),
    );
    throw new InputError(sortByLocation(diagnostics));
  }
  const problems = [...checkSpec(parsed.data, locator)];
  // Placement is judged only on a spec whose references hold.
  if (problems.length === 0)
    problems.push(
      ...checkTransactionalPlacement(parsed.data, locator),
      ...checkDataRules(parsed.data, locator),
    );
  if (problems.length > 0) throw new InputError(sortByLocation(problems));
  return buildModel(parsed.data, locator);
}

export interface LoadedSpec {
  readonly model: Model;
  readonly source: string;
}

export async function loadSpecFile(path: string): Promise<LoadedSpec> {
  let source: string;
  try {
    source = await readFile(path, "utf8");
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    throw new InputError([
      diagnostic("input/unreadable", `cannot read ${path}: ${reason}`, { file: path, line: 1, column: 1 }),
    ]);
  }
  return { model: parseSpec(source, path), source };
}

function yamlErrorToDiagnostic(
  error: { code: string; message: string; pos: [number, number] },
  text: string,
  locator: YamlLocator,
): Diagnostic {
  const location = locator.at(error.pos[0]);
  if (error.code === "DUPLICATE_KEY") {
    const key = /^["']?([^"':\s]+)/.exec(text.slice(error.pos[0]))?.[1] ?? "this key";
    return diagnostic("spec/duplicate-key", `\`${key}\` is declared twice in the same mapping`, location, {
      expected: "each name once; merge the two declarations",
    });
  }
  const firstLine = error.message.split("\n")[0] ?? error.message;
  return diagnostic(
    "spec/yaml-syntax",
    `YAML syntax error: ${firstLine.replace(/ at line \d+, column \d+:?$/, "")}`,
    location,
  );
}

function sortByLocation(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) => a.location.line - b.location.line || a.location.column - b.location.column,
  );
}
