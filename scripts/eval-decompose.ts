import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { generateDecomposeModel } from "../bench/generate-decompose-model.js";
import { adjustedRandIndex } from "../src/analyze/decompose/adjusted-rand-index.js";
import type { Clustering } from "../src/analyze/decompose/clustering.js";
import { mojoFm } from "../src/analyze/decompose/mojo-fm.js";
import { proposeServiceCut } from "../src/analyze/decompose/propose-service-cut.js";
import { DEFAULT_RESOLUTION, type ServiceCutOptions } from "../src/analyze/decompose/service-cut.js";
import { type CorpusCase, corpusCase } from "./corpus-model.js";

/**
 * Compares proposeServiceCut with the decompositions real systems' authors chose
 * (../shared/corpus/models, see docs/decomposition.md for the conversion) and prints adjusted
 * Rand index and MoJoFM per model and on average, then the averages for a few other settings,
 * a leave-one-out check of the resolution, and how well generated models' planted domains are
 * recovered (a check that does not depend on the four reference models).
 *
 *   node --import tsx scripts/eval-decompose.ts [models-dir] [--seed N] [--resolution R] [--view-use-cases] [--verbose]
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seed: { type: "string", default: "1" },
    resolution: { type: "string" },
    "view-use-cases": { type: "boolean", default: false },
    verbose: { type: "boolean", default: false },
  },
});
const directory = resolve(positionals[0] ?? "../shared/corpus/models");
const files = readdirSync(directory)
  .filter((f) => f.endsWith(".json"))
  .sort();

interface Row {
  readonly file: string;
  readonly entities: number;
  readonly reference: number;
  readonly proposed: number;
  readonly ari: number;
  readonly mojofm: number;
  readonly cut: Clustering;
  readonly truth: Clustering;
}

function evaluate(item: CorpusCase, options: ServiceCutOptions): Row {
  const cut = proposeServiceCut(item.model, options);
  // Entities the reference does not place (an opaque user id) are left out of the comparison.
  const placed = new Set(Object.values(item.reference).flat());
  const proposed = Object.fromEntries(
    Object.entries(cut.services).map(([service, entities]) => [
      service,
      entities.filter((e) => placed.has(e)),
    ]),
  );
  return {
    file: item.file,
    entities: placed.size,
    reference: Object.keys(item.reference).length,
    proposed: Object.values(proposed).filter((e) => e.length > 0).length,
    ari: adjustedRandIndex(proposed, item.reference),
    mojofm: mojoFm(proposed, item.reference),
    cut: proposed,
    truth: item.reference,
  };
}

const mean = (list: readonly number[]): number => list.reduce((a, b) => a + b, 0) / Math.max(1, list.length);
const pad = (text: string | number, width: number): string => String(text).padStart(width);
const percent = (value: number): string => `${value.toFixed(1)}%`;

function run(viewUseCases: boolean, options: ServiceCutOptions): Row[] {
  return files.map((file) => evaluate(corpusCase(join(directory, file), viewUseCases), options));
}

// No --resolution: the default path, which may fall back to resolution 1 (docs/decomposition.md).
const options: ServiceCutOptions = {
  seed: Number(values.seed),
  ...(values.resolution === undefined ? {} : { resolution: Number(values.resolution) }),
};
const rows = run(values["view-use-cases"], options);
const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

out(
  `seed ${options.seed}, resolution ${options.resolution ?? `default (${DEFAULT_RESOLUTION})`}, ${values["view-use-cases"] ? "with" : "without"} invented view use cases`,
);
out(
  `${"model".padEnd(38)}${pad("entities", 9)}${pad("ref", 5)}${pad("ours", 6)}${pad("ARI", 8)}${pad("MoJoFM", 9)}`,
);
for (const r of rows) {
  out(
    `${r.file.padEnd(38)}${pad(r.entities, 9)}${pad(r.reference, 5)}${pad(r.proposed, 6)}` +
      `${pad(r.ari.toFixed(3), 8)}${pad(percent(r.mojofm), 9)}`,
  );
  if (values.verbose)
    out(`    ours:      ${JSON.stringify(r.cut)}\n    reference: ${JSON.stringify(r.truth)}`);
}
out(
  `${"average".padEnd(58)}${pad(mean(rows.map((r) => r.ari)).toFixed(3), 8)}${pad(percent(mean(rows.map((r) => r.mojofm))), 9)}`,
);

out("\nsensitivity (averages over the models, seeds 1-5):");
out(
  `${"resolution".padEnd(12)}${"view use cases".padEnd(16)}${pad("ARI", 8)}${pad("MoJoFM", 9)}${pad("min..max", 16)}`,
);
for (const resolution of [1, 1.25, 1.5, 2]) {
  for (const viewUseCases of [false, true]) {
    const perSeed = [1, 2, 3, 4, 5].map((seed) => run(viewUseCases, { seed, resolution }));
    const mojos = perSeed.map((r) => mean(r.map((x) => x.mojofm)));
    const aris = perSeed.map((r) => mean(r.map((x) => x.ari)));
    out(
      `${String(resolution).padEnd(12)}${(viewUseCases ? "yes" : "no").padEnd(16)}${pad(mean(aris).toFixed(3), 8)}` +
        `${pad(percent(mean(mojos)), 9)}${pad(`${percent(Math.min(...mojos))}..${percent(Math.max(...mojos))}`, 16)}`,
    );
  }
}

// Leave one out: choose the resolution that does best on the other models, score it on the one
// left out. An honest estimate of how a resolution picked on this corpus does on a new system.
const grid = [1, 1.25, 1.5, 1.75, 2];
const byResolution = new Map(grid.map((resolution) => [resolution, run(false, { seed: 1, resolution })]));
out("\nleave one out (seed 1; the resolution that does best on the other models, ties to the lower):");
out(`${"held out".padEnd(38)}${pad("chosen", 8)}${pad("MoJoFM", 9)}`);
const heldOut: number[] = [];
files.forEach((file, index) => {
  let best = grid[0] as number;
  let bestScore = -1;
  for (const resolution of grid) {
    const rowsFor = byResolution.get(resolution) as Row[];
    const score = mean(rowsFor.filter((_, i) => i !== index).map((r) => r.mojofm));
    if (score > bestScore + 1e-9) {
      best = resolution;
      bestScore = score;
    }
  }
  const score = (byResolution.get(best) as Row[])[index]?.mojofm ?? 0;
  heldOut.push(score);
  out(`${file.padEnd(38)}${pad(best, 8)}${pad(percent(score), 9)}`);
});
out(`${"average".padEnd(46)}${pad(percent(mean(heldOut)), 9)}`);

// Planted domains: generated models whose references and use cases stay inside a domain 85% of
// the time (bench/generate-decompose-model.ts). The truth here is known, and independent of the
// corpus, so it shows what a resolution does to small and large domains.
out("\nplanted domains (generated models, MoJoFM averaged over generator seeds 1-3):");
const resolutions = [1, 1.25, 1.5, 2];
out(`${"entities / domain size".padEnd(24)}${resolutions.map((r) => pad(`r=${r}`, 9)).join("")}`);
for (const [entities, domainSize] of [
  [60, 5],
  [100, 10],
  [200, 20],
  [200, 40],
  [400, 80],
] as const) {
  const cells = resolutions.map((resolution) => {
    const scores = [1, 2, 3].map((seed) => {
      const model = generateDecomposeModel({ entities, useCases: entities * 2, domainSize, seed });
      const truth: Record<string, string[]> = {};
      model.entities.forEach((entity, i) => {
        const domain = `d${Math.floor(i / domainSize)}`;
        truth[domain] = [...(truth[domain] ?? []), entity.name];
      });
      return mojoFm(proposeServiceCut(model, { seed: 1, resolution }).services, truth);
    });
    return pad(percent(mean(scores)), 9);
  });
  out(`${`${entities} / ${domainSize}`.padEnd(24)}${cells.join("")}`);
}
