/**
 * Finds where JSON pointers sit in a file's text. Asked for many pointers at once, because some
 * formats (JSON) answer a batch in one pass. A pointer that does not fully resolve gets the offset
 * of its deepest ancestor that does.
 */
export interface PointerLocator {
  offsets(pointers: readonly (readonly string[])[]): number[];
}
