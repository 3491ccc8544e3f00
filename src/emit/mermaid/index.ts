export { emitArchitectureDiagram } from "./architecture-diagram.js";
export { isCachedRead } from "./cached-read.js";
export { emitErDiagram, erAttributeType } from "./er-diagram.js";
export { mermaidId, mermaidLines, mermaidText } from "./mermaid-text.js";
export { renderSvg } from "./render-svg.js";
export { emitSequenceDiagram, type SequenceDiagramOptions, writeKind } from "./sequence-diagram.js";
export { sequenceFileName } from "./sequence-file-name.js";
export { servingOperation } from "./serving-operation.js";
