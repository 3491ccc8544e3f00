import { Document, Spectral } from "@stoplight/spectral-core";
import spectralParsers from "@stoplight/spectral-parsers";
import { oas } from "@stoplight/spectral-rulesets";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse } from "yaml";
import { lintOpenApi } from "../../src/verify/lint-openapi.js";

/** Verifiers for emitted artifacts, each backed by the real tool a user would run. */

export interface ToolProblem {
  readonly severity: "error" | "warning";
  readonly where: string;
  readonly message: string;
}

export async function lintWithRedocly(text: string, name: string): Promise<ToolProblem[]> {
  return (await lintOpenApi(text, name)).map((p) => ({
    severity: p.severity === "error" ? "error" : "warning",
    where: `${name}${p.pointer}`,
    message: `${p.ruleId}: ${p.message}`,
  }));
}

let spectral: Spectral | undefined;

export async function lintWithSpectral(text: string, name: string): Promise<ToolProblem[]> {
  if (!spectral) {
    spectral = new Spectral();
    // `spectral:oas` as the CLI resolves it: the oas ruleset with its recommended rules.
    spectral.setRuleset({ extends: [[oas as never, "recommended"]] });
  }
  const results = await spectral.run(new Document(text, spectralParsers.Yaml, name));
  return results
    .filter((r) => r.severity <= 1)
    .map((r) => ({
      severity: r.severity === 0 ? "error" : "warning",
      where: `${name}#/${r.path.join("/")}`,
      message: `${String(r.code)}: ${r.message}`,
    }));
}

type Json = Record<string, unknown>;

/**
 * Validates every example in an OpenAPI 3.1 document (parameters, headers, request bodies and
 * responses) against the schema it illustrates, with ajv's JSON Schema 2020-12 dialect.
 */
export function validateExamples(text: string, name: string): ToolProblem[] {
  const document = parse(text) as Json;
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats.default(ajv);
  ajv.addFormat("decimal", /^-?\d+(\.\d+)?$/);
  ajv.addFormat("int32", {
    type: "number",
    validate: (n: number) => Number.isInteger(n) && Math.abs(n) <= 2 ** 31,
  });
  ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isInteger(n) });
  ajv.addSchema({ $id: "doc", components: document.components } as Json);

  const problems: ToolProblem[] = [];
  const resolve = (node: unknown): Json => {
    let current = node as Json;
    while (current && typeof current.$ref === "string") {
      const path = current.$ref.replace(/^#\//, "").split("/");
      current = path.reduce<unknown>((acc, key) => (acc as Json)[key], document) as Json;
    }
    return current;
  };
  const check = (schema: unknown, value: unknown, where: string) => {
    const rewritten = JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"doc#/components/'));
    const validate = ajv.compile(rewritten);
    if (!validate(value)) {
      problems.push({
        severity: "error",
        where: `${name}${where}`,
        message: ajv.errorsText(validate.errors),
      });
    }
  };
  const checkContent = (content: unknown, where: string) => {
    for (const [mediaType, media] of Object.entries((content ?? {}) as Record<string, Json>)) {
      for (const [exampleName, example] of Object.entries((media.examples ?? {}) as Record<string, Json>)) {
        check(media.schema, example.value, `${where}/content/${mediaType}/examples/${exampleName}`);
      }
    }
  };
  let count = 0;
  for (const [path, item] of Object.entries((document.paths ?? {}) as Record<string, Json>)) {
    for (const [method, operationNode] of Object.entries(item)) {
      const operation = operationNode as Json;
      const where = `#/paths/${path}/${method}`;
      for (const parameterNode of (operation.parameters ?? []) as unknown[]) {
        const parameter = resolve(parameterNode);
        if ("example" in parameter) {
          count++;
          check(parameter.schema, parameter.example, `${where}/parameters/${String(parameter.name)}`);
        }
      }
      const body = operation.requestBody as Json | undefined;
      if (body) {
        count++;
        checkContent(resolve(body).content, `${where}/requestBody`);
      }
      for (const [status, responseNode] of Object.entries((operation.responses ?? {}) as Json)) {
        const response = resolve(responseNode);
        for (const [header, headerNode] of Object.entries((response.headers ?? {}) as Json)) {
          const h = resolve(headerNode);
          if ("example" in h) check(h.schema, h.example, `${where}/responses/${status}/headers/${header}`);
        }
        if (response.content) {
          count++;
          checkContent(response.content, `${where}/responses/${status}`);
        }
      }
    }
  }
  if (count === 0)
    problems.push({ severity: "error", where: name, message: "no examples found to validate" });
  return problems;
}
