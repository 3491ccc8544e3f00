import type { OpenApiSourceFile } from "./openapi-source-file.js";

export type JsonObject = { readonly [key: string]: unknown };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A value inside an OpenAPI description together with where it lives (file and JSON pointer).
 * Rules navigate with `get` and never lose track of the place a finding must point at. The
 * pointer is a parent chain, built into segments only when a location is needed.
 */
export class OpenApiNode {
  constructor(
    readonly file: OpenApiSourceFile,
    readonly value: unknown,
    readonly parent: OpenApiNode | undefined,
    readonly key: string,
  ) {}

  static root(file: OpenApiSourceFile): OpenApiNode {
    return new OpenApiNode(file, file.value, undefined, "");
  }

  /** The member or item `key`, if this node is an object or array that has it. */
  get(key: string): OpenApiNode | undefined {
    const value = this.value;
    if (Array.isArray(value)) {
      const index = Number(key);
      return Number.isInteger(index) && index >= 0 && index < value.length
        ? new OpenApiNode(this.file, value[index], this, key)
        : undefined;
    }
    if (isJsonObject(value) && Object.hasOwn(value, key))
      return new OpenApiNode(this.file, value[key], this, key);
    return undefined;
  }

  /** Members of an object (in JavaScript key order: integer-like keys such as status codes first) or items of an array. */
  children(): OpenApiNode[] {
    const value = this.value;
    if (Array.isArray(value))
      return value.map((item, i) => new OpenApiNode(this.file, item, this, String(i)));
    if (isJsonObject(value))
      return Object.keys(value).map((k) => new OpenApiNode(this.file, value[k], this, k));
    return [];
  }

  get object(): JsonObject | undefined {
    return isJsonObject(this.value) ? this.value : undefined;
  }

  /** The named member when it is a string. */
  string(key: string): string | undefined {
    const v = this.object?.[key];
    return typeof v === "string" ? v : undefined;
  }

  pointer(): string[] {
    const segments: string[] = [];
    for (let node: OpenApiNode | undefined = this; node?.parent !== undefined; node = node.parent) {
      segments.push(node.key);
    }
    return segments.reverse();
  }

  /** A key unique across files, for de-duplicating visits to shared (`$ref`-ed) definitions. */
  identity(): string {
    return `${this.file.path}#${this.pointer().join("/")}`;
  }
}
