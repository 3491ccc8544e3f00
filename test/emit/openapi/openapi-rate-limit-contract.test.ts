import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { load } from "js-yaml";
import { designSystem } from "../../../src/design/design-system.js";
import { parseSpec } from "../../../src/spec/load-spec.js";

const EXAMPLES = ["social-sharing", "e-commerce", "b2b-saas"];
const METHODS = ["get", "put", "post", "patch", "delete"] as const;

interface Document {
  readonly paths: Record<
    string,
    Partial<Record<(typeof METHODS)[number], { responses: Record<string, Ref> }>>
  >;
  readonly components: { readonly responses: Record<string, { headers?: Record<string, unknown> }> };
}
interface Ref {
  readonly $ref?: string;
}

/**
 * Rate limits per client are part of every contract: each operation, reads included, answers 429
 * with Retry-After, so a client knows when to come back. Review only asks that some operation
 * documents a 429, so this is the check that a read losing it is caught.
 */
describe("every emitted operation documents 429 with Retry-After", () => {
  for (const name of EXAMPLES) {
    it(name, () => {
      const spec = `examples/${name}/archwright.yaml`;
      const { files } = designSystem(parseSpec(readFileSync(spec, "utf8"), spec), { svg: false });
      const documents = [...files].filter(([path]) => path.startsWith("openapi/"));
      assert.ok(documents.length > 0);
      let reads = 0;
      for (const [path, text] of documents) {
        const doc = load(text) as Document;
        for (const [route, item] of Object.entries(doc.paths)) {
          for (const method of METHODS) {
            const operation = item[method];
            if (!operation) continue;
            if (method === "get") reads++;
            const ref = operation.responses["429"]?.$ref;
            assert.ok(ref, `${path}: ${method.toUpperCase()} ${route} has no 429`);
            const response = doc.components.responses[ref.replace("#/components/responses/", "")];
            assert.ok(
              response?.headers?.["Retry-After"],
              `${path}: the 429 of ${method.toUpperCase()} ${route} has no Retry-After`,
            );
          }
        }
      }
      assert.ok(reads > 0, "the example has read operations");
    });
  }
});
