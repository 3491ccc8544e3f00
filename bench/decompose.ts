import { pathToFileURL } from "node:url";
import { proposeServiceCut } from "../src/analyze/decompose/propose-service-cut.js";
import { generateDecomposeModel } from "./generate-decompose-model.js";

/** Times proposeServiceCut on a generated 500-entity, 1,000-use-case model (best of a few runs). */
export async function benchDecompose(): Promise<{ name: string; ms: number }[]> {
  const model = generateDecomposeModel({ entities: 500, useCases: 1000 });
  proposeServiceCut(model); // warm-up: module loading and JIT are not the algorithm's cost
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    proposeServiceCut(model);
    runs.push(performance.now() - start);
  }
  return [{ name: "proposeServiceCut (500 entities, 1,000 use cases)", ms: Math.round(Math.min(...runs)) }];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const { name, ms } of await benchDecompose()) process.stdout.write(`${name}: ${ms} ms\n`);
}
