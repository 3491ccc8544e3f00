/** RFC 6901 JSON Pointer encoding: `~` becomes `~0` and `/` becomes `~1`. */
export function encodePointerSegment(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

export function decodePointerSegment(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** `#/components/schemas/Pet` or `/components/schemas/Pet` to its segments; the empty pointer is the root. */
export function parsePointer(pointer: string): string[] {
  let text = pointer.startsWith("#") ? pointer.slice(1) : pointer;
  try {
    text = decodeURIComponent(text);
  } catch {
    // A pointer with a stray `%` is still a usable pointer as written.
  }
  if (text === "" || text === "/") return text === "/" ? [""] : [];
  return text.replace(/^\//, "").split("/").map(decodePointerSegment);
}

export function formatPointer(segments: readonly string[]): string {
  return segments.map((s) => `/${encodePointerSegment(s)}`).join("");
}
