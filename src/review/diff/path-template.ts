/** `/pets/{petId}` → `/pets/{}`: renaming a path parameter does not change the URLs a client calls. */
export function pathShape(path: string): string {
  return path.replace(/\{[^}/]*\}/g, "{}");
}

/** The parameter names of a path template, in order. */
export function pathParameterNames(path: string): string[] {
  return [...path.matchAll(/\{([^}/]*)\}/g)].map((m) => m[1] ?? "");
}
