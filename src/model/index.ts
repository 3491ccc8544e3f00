export * from "./entity.js";
export * from "./field.js";
export * from "./model.js";
export * from "./model-parts.js";
export * from "./source-location.js";
export * from "./system.js";
export * from "./use-case.js";
