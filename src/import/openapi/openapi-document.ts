import { dirname, join } from "node:path";
import { diagnostic, InputError } from "../../diagnostics/diagnostic.js";
import type { SourceLocation } from "../../model/source-location.js";
import { DeferredLocation } from "./deferred-location.js";
import { parsePointer } from "./json-pointer.js";
import { isJsonObject, OpenApiNode } from "./openapi-node.js";
import { HTTP_METHODS, type OpenApiOperation, type OpenApiReviewContext } from "./openapi-review-context.js";
import type { OpenApiSourceFile } from "./openapi-source-file.js";

const MAX_REF_HOPS = 32;

/** An imported description: the root file, the files its `$ref`s reach, and locations handed out so far. */
export class OpenApiDocument implements OpenApiReviewContext {
  readonly root: OpenApiNode;
  readonly version: string;
  readonly operations: readonly OpenApiOperation[];
  private readonly pending: DeferredLocation[] = [];

  constructor(
    readonly file: OpenApiSourceFile,
    version: string,
    /** Every file loaded, keyed by path; the root included. */
    private readonly files: ReadonlyMap<string, OpenApiSourceFile>,
  ) {
    this.root = OpenApiNode.root(file);
    this.version = version;
    this.operations = this.collectOperations();
  }

  /** Every file loaded: the root first, then the files `$ref`s reach. */
  sourceFiles(): OpenApiSourceFile[] {
    return [...this.files.values()];
  }

  deref(node: OpenApiNode): OpenApiNode {
    let current = node;
    for (let hops = 0; hops < MAX_REF_HOPS; hops++) {
      const ref = isJsonObject(current.value) ? current.value.$ref : undefined;
      if (typeof ref !== "string") return current;
      const target = this.refTarget(current, ref);
      if (target === undefined) return current;
      current = target;
    }
    return current;
  }

  locate(node: OpenApiNode): SourceLocation {
    const location = new DeferredLocation(node.file.path, node);
    this.pending.push(location);
    return location;
  }

  /** Fills in line and column of every location handed out, one batch per file. */
  resolveLocations(): void {
    const byFile = new Map<OpenApiSourceFile, DeferredLocation[]>();
    for (const location of this.pending) {
      const list = byFile.get(location.node.file) ?? [];
      list.push(location);
      byFile.set(location.node.file, list);
    }
    for (const [file, locations] of byFile) {
      const offsets = file.locator.offsets(locations.map((l) => l.node.pointer()));
      locations.forEach((location, i) => {
        const { line, column } = file.lines.position(offsets[i] ?? 0);
        location.line = line;
        location.column = column;
      });
    }
    this.pending.length = 0;
  }

  /** Rule ids switched off by `x-archwright-ignore` on the node or any object that contains it. */
  isSuppressed(node: OpenApiNode, ruleId: string): boolean {
    for (let n: OpenApiNode | undefined = node; n !== undefined; n = n.parent) {
      const ignore = isJsonObject(n.value) ? n.value["x-archwright-ignore"] : undefined;
      if (ignore === ruleId || ignore === "*") return true;
      if (Array.isArray(ignore) && (ignore.includes(ruleId) || ignore.includes("*"))) return true;
    }
    return false;
  }

  refTarget(from: OpenApiNode, ref: string): OpenApiNode | undefined {
    const hash = ref.indexOf("#");
    const filePart = hash === -1 ? ref : ref.slice(0, hash);
    const pointer = hash === -1 ? [] : parsePointer(ref.slice(hash));
    const file = filePart === "" ? from.file : this.files.get(resolveRefPath(from.file.path, filePart));
    if (file === undefined) return undefined;
    let node: OpenApiNode | undefined = OpenApiNode.root(file);
    for (const segment of pointer) {
      node = node.get(segment);
      if (node === undefined) return undefined;
    }
    return node;
  }

  private collectOperations(): OpenApiOperation[] {
    const operations: OpenApiOperation[] = [];
    const paths = this.root.get("paths");
    if (paths === undefined || !isJsonObject(paths.value)) return operations;
    const rootSecurity = this.root.get("security");
    for (const entry of paths.children()) {
      const pathItem = this.deref(entry);
      if (!isJsonObject(pathItem.value)) continue;
      const shared = this.parameterList(pathItem.get("parameters"));
      for (const method of HTTP_METHODS) {
        const node = pathItem.get(method);
        if (node === undefined || !isJsonObject(node.value)) continue;
        const own = this.parameterList(node.get("parameters"));
        const ownKeys = new Set(own.map(parameterKey));
        const parameters = [...shared.filter((p) => !ownKeys.has(parameterKey(p))), ...own];
        operations.push({
          path: entry.key,
          method,
          pathItem,
          node,
          parameters,
          security: node.get("security") ?? rootSecurity,
        });
      }
    }
    return operations;
  }

  private parameterList(list: OpenApiNode | undefined): OpenApiNode[] {
    if (list === undefined || !Array.isArray(list.value)) return [];
    return list.children().map((p) => this.deref(p));
  }
}

function parameterKey(parameter: OpenApiNode): string {
  return `${parameter.string("in") ?? ""}:${parameter.string("name") ?? ""}`;
}

/** The path of a file a `$ref` names, relative to the file holding the `$ref`. */
export function resolveRefPath(fromPath: string, refPath: string): string {
  return join(dirname(fromPath), decodeURIComponent(refPath));
}

export function refError(from: OpenApiNode, message: string): InputError {
  return new InputError([
    diagnostic("openapi/unresolvable-ref", message, {
      file: from.file.path,
      ...from.file.lines.position(from.file.locator.offsets([from.pointer()])[0] ?? 0),
    }),
  ]);
}
