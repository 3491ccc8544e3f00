/** A request the library cannot serve as asked (unknown option, rule id or format): the CLI exits 2 without a code frame. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
