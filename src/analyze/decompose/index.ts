export { adjustedRandIndex } from "./adjusted-rand-index.js";
export { type AppliedCut, applyServiceCut, type CutChoice, chooseAppliedCut } from "./apply-service-cut.js";
export { mojoFm } from "./mojo-fm.js";
export { proposeServiceCut } from "./propose-service-cut.js";
export type * from "./service-cut.js";
