import { INIT_USAGE } from "./init-usage.js";
import type { CliIO, Command } from "./io.js";

/**
 * Each command is loaded only when it runs: together they pull in the PostgreSQL parser, Redocly,
 * the diagram renderer and the language model of `init`, and `review` should not wait for `design`'s.
 */
const lazy =
  <K extends string>(load: () => Promise<Record<K, Command>>, name: K): Command =>
  async (args, io) =>
    (await load())[name](args, io);

/** `summary` is the one-line entry in the overall usage; `help` is what `<command> --help` prints. */
const COMMANDS: Record<string, { run: Command; summary: string; help?: string }> = {
  design: {
    run: lazy(() => import("./design.js"), "design"),
    summary: "design <archwright.yaml> [--out design/] [--verify]   write the full design package",
    help: `usage: archwright design <archwright.yaml> [options]

  -o, --out DIR        where to write the design package (default design/); written atomically,
                       replacing the folder only when it is empty or holds an earlier design
  --verify             apply and revert every migration on PostgreSQL (PGlite) and lint the OpenAPI first
  --no-svg             write the Mermaid sources only (much faster for large designs)
  --seed N             seed of the service-cut clustering (default 1)
  --cut KIND           with no service: in the spec, build the recommended option (recommended, the
                       default; may be a modular monolith) or the best cut into services (proposed)
  -q, --quiet          print nothing on success
  --trace[=FILE]       record each stage as an OpenTelemetry span: OTLP JSON to FILE (default
                       archwright-trace.otlp.json), or to OTEL_EXPORTER_OTLP_ENDPOINT when it is set
`,
  },
  decompose: {
    run: lazy(() => import("./decompose.js"), "decompose"),
    summary:
      "decompose <archwright.yaml> [--format text|json]       propose where services split, with reasons",
    help: `usage: archwright decompose <archwright.yaml> [options]

  --format text|json   text report (default) or the ServiceCut object (docs/decomposition.md)
  --seed N             seed of the Louvain clustering (default 1)
  --team-size N        engineers who will run the system (overrides system.teamSize)
  --resolution R       Louvain resolution (default 1.5, falling back to 1 without structure)
`,
  },
  diff: {
    run: lazy(() => import("./diff.js"), "diff"),
    summary:
      "diff <old-openapi> <new-openapi> [--format ...] [--fail-on ...]  breaking changes between two API versions",
  },
  mcp: {
    // Loaded on demand: the MCP SDK and its HTTP stack are not needed by any other command.
    run: lazy(() => import("./mcp.js"), "mcp"),
    summary:
      "mcp [--http] [--root DIR]                           serve the tools to AI agents (Model Context Protocol)",
    help: `usage: archwright mcp [--http] [--port N] [--host H] [--root DIR] [--trace[=FILE]]

  serves archwright to AI agents over the Model Context Protocol (docs/agents.md)
  (default)      stdio: the client starts this command and talks on stdin/stdout
  --http         streamable HTTP at http://HOST:PORT/mcp instead
  --port N       HTTP port (default 3939; 0 picks a free one)
  --host H       HTTP address (default 127.0.0.1, loopback only)
  --root DIR     the working folder tools may read and write (default: the current folder)
  --trace[=FILE] append one OTLP JSON trace line per tool call (docs/tracing.md)
`,
  },
  review: {
    run: lazy(() => import("./review.js"), "review"),
    summary:
      "review <openapi.yaml|schema.sql>... [--format text|json|sarif|markdown] [--fail-on error|warning|none]",
  },
  rules: {
    run: lazy(() => import("./rules.js"), "rules"),
    summary: "rules [rule-id]                                     list the review rules, or explain one",
    help: "usage: archwright rules [rule-id]\n\n  with no argument, lists every review rule; with a rule id, explains it (why, how to fix)\n",
  },
  init: {
    run: lazy(() => import("./init.js"), "init"),
    summary: 'init "<brief>" [--out archwright.yaml] [--force]     draft a spec from a plain-English brief',
    help: INIT_USAGE,
  },
  validate: {
    run: lazy(() => import("./validate.js"), "validate"),
    summary: "validate <archwright.yaml>                          check a spec, write nothing",
    help: "usage: archwright validate <archwright.yaml>\n\n  checks the spec and prints every problem with file:line:column; writes nothing (exit 2 on errors)\n",
  },
  schema: {
    run: lazy(() => import("./schema.js"), "schema"),
    summary: "schema                                              print the JSON Schema of archwright.yaml",
    help: "usage: archwright schema\n\n  prints the JSON Schema of archwright.yaml, for editors and validators\n",
  },
};

const USAGE = `archwright: a backend architect you can run

usage: archwright <command> [options]

commands:
${Object.values(COMMANDS)
  .map((c) => `  ${c.summary}`)
  .join("\n")}

exit codes: 0 ok, 1 findings at or above --fail-on, 2 bad input or usage
`;

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout(USAGE);
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "-v") {
    io.stdout("archwright 0.1.0\n");
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`error: unknown command \`${name}\`\n\n${USAGE}`);
    return 2;
  }
  // Commands that print their own help (review, diff) get --help like any other option.
  if (command.help !== undefined && (rest.includes("--help") || rest.includes("-h"))) {
    io.stdout(command.help);
    return 0;
  }
  return command.run(rest, io);
}
