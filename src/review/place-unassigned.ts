import {
  applyServiceCut,
  type CutChoice,
  chooseAppliedCut,
  proposeServiceCut,
} from "../analyze/decompose/index.js";
import type { Model } from "../model/index.js";

/**
 * A spec that leaves entities without `service:` is reviewed with them placed where `archwright
 * design` places them; otherwise every artifact `design` emitted for it would disagree with the
 * spec. `design` builds the recommended option unless told `--cut proposed`, so the option whose
 * service names the reviewed paths mention (`db/<service>/...`, `openapi/<service>.yaml`) wins,
 * the recommended one on a tie. The seed is design's default.
 */
export function placeUnassigned(model: Model, paths: readonly string[]): Model {
  if (model.entities.every((e) => e.serviceExplicit)) return model;
  const cut = proposeServiceCut(model);
  const segments = new Set(paths.flatMap((p) => p.split(/[\\/]/).map((s) => s.replace(/\.[a-z]+$/i, ""))));
  const options = (["recommended", "proposed"] as const satisfies readonly CutChoice[]).map((choice) => {
    const applied = chooseAppliedCut(model, cut, choice);
    const named = Object.keys(applied.services).filter((s) => segments.has(s)).length;
    return { applied, named };
  });
  const best = options.reduce((a, b) => (b.named > a.named ? b : a));
  return applyServiceCut(model, best.applied);
}
