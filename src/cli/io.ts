import type { DesignResult } from "../design/design-system.js";

/** What a command may touch besides the file system: injected so tests can capture output. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly cwd: string;
  /** Reads all of standard input (for `-` arguments); absent where there is none. */
  readonly stdin?: () => Promise<string>;
  /**
   * Test seam: `design` passes its result through this before checking and writing it, so a test
   * can make a design contradict itself and see exit 3 with nothing written. The binary never sets it.
   */
  readonly reviseDesign?: (result: DesignResult) => DesignResult;
}

export const EXIT_OK = 0;
/** Findings at or above --fail-on. */
export const EXIT_FINDINGS = 1;
/** Bad input or usage. */
export const EXIT_INPUT = 2;

/** One CLI command: parses its own arguments, calls the library, prints, returns the exit code. */
export type Command = (args: readonly string[], io: CliIO) => Promise<number>;

/** Kept here too so commands can import everything they need from one place. */
export { UsageError } from "../diagnostics/usage-error.js";
