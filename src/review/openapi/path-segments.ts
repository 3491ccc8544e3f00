/** One segment of a path template: a literal (`users`) or a template (`{id}`, `{name}.json`). */
export interface PathSegment {
  readonly text: string;
  /** The literal text with every `{...}` removed; empty for a pure template segment. */
  readonly literal: string;
  readonly isTemplate: boolean;
}

export function pathSegments(path: string): PathSegment[] {
  return path
    .split("/")
    .filter((s) => s !== "")
    .map((text) => {
      const literal = text.replace(/\{[^}]*\}/g, "");
      return { text, literal, isTemplate: literal !== text };
    });
}

/** Names inside `{...}` in a path template, in order. */
export function pathTemplateNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1] ?? "");
}

/** `v1`, `v2.1`, `v2beta`, `2023-10-16`: a segment that versions the API rather than naming a resource. */
export function isVersionSegment(segment: string): boolean {
  return /^v\d+([._-]?\w+)*$/i.test(segment) || /^\d{4}-\d{2}-\d{2}$/.test(segment);
}
