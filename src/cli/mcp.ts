import { createServer } from "node:http";
import { format, parseArgs } from "node:util";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { createArchwrightServer } from "../mcp/archwright-server.js";
import type { TraceTarget } from "../trace/trace-run.js";
import { type CliIO, type Command, EXIT_OK, UsageError } from "./io.js";
import { reportError } from "./report-input-error.js";
import { takeTraceFlag } from "./trace-flag.js";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1"]);

/** `archwright mcp`: runs until the client closes stdin (stdio) or the process is stopped (HTTP). */
export const mcp: Command = async (args, io) => {
  try {
    const { rest, trace } = takeTraceFlag(args, io.cwd);
    const { values } = parseArgs({
      args: rest,
      allowPositionals: false,
      options: {
        http: { type: "boolean", default: false },
        port: { type: "string", default: "3939" },
        host: { type: "string", default: "127.0.0.1" },
        root: { type: "string", default: io.cwd },
      },
    });
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port takes a port number, got ${values.port}`);
    const options = { root: values.root, ...(trace ? { trace: { ...trace, append: true } } : {}) };
    if (!values.http) return await serveStdio(options);
    return await serveHttp(options, values.host, port, io);
  } catch (error) {
    return reportError(error, io);
  }
};

async function serveStdio(options: { root: string; trace?: TraceTarget }): Promise<number> {
  // stdout carries the protocol: anything a library prints there would corrupt it.
  const toStderr = (...args: unknown[]) => process.stderr.write(`${format(...args)}\n`);
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
  const server = createArchwrightServer(options);
  const closed = new Promise<number>((done) => {
    server.server.onclose = () => done(EXIT_OK);
  });
  await server.connect(new StdioServerTransport());
  return closed;
}

/**
 * Stateless streamable HTTP: a fresh server and transport per request, so nothing is shared between
 * clients. Host headers are checked (DNS rebinding) and the socket binds to loopback unless told otherwise.
 */
async function serveHttp(
  options: { root: string; trace?: TraceTarget },
  host: string,
  port: number,
  io: CliIO,
): Promise<number> {
  const http = createServer(async (req, res) => {
    if (new URL(req.url ?? "/", "http://localhost").pathname !== "/mcp") {
      res.writeHead(404).end();
      return;
    }
    const address = http.address();
    const bound = typeof address === "object" && address !== null ? address.port : port;
    const names = LOOPBACK.has(host) ? ["127.0.0.1", "localhost", "[::1]"] : [host];
    const server = createArchwrightServer(options);
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
      enableDnsRebindingProtection: true,
      allowedHosts: names.map((n) => `${n}:${bound}`),
    });
    res.on("close", () => {
      void transport.close();
      void server.close();
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(req, res);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500).end();
      io.stderr(`archwright mcp: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  });
  await new Promise<void>((listening, failed) => {
    http.once("error", failed);
    http.listen(port, host, () => listening());
  });
  const address = http.address();
  const actual = typeof address === "object" && address !== null ? address.port : port;
  if (!LOOPBACK.has(host))
    io.stderr(`warning: ${host} is not loopback; anyone who can reach it can write to the working folder\n`);
  io.stderr(`archwright mcp listening on http://${host.includes(":") ? `[${host}]` : host}:${actual}/mcp\n`);
  return new Promise<number>((done) => {
    http.on("close", () => done(EXIT_OK));
  });
}
