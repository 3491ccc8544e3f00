import type { OpenApiNode } from "../../../import/openapi/openapi-node.js";
import type { OpenApiRule } from "../../openapi/openapi-rule.js";

/** Loopback, reserved test TLDs (RFC 6761) and the documentation domains (RFC 2606): not real deployments. */
const LOCAL_HOST =
  /^(localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1\]|[^/:]+\.(local|localhost|test|example|invalid)|([^/:]+\.)?example\.(com|org|net))(:|\/|$)/i;

export const serverNotHttps: OpenApiRule = {
  meta: {
    id: "server-not-https",
    area: "api-security",
    defaultSeverity: "error",
    description: "A server URL uses plain `http://` (or `ws://`) for a non-local host.",
    rationale:
      "Without TLS, tokens, cookies and payloads cross the network in clear text and can be read or altered by anyone on the path. Clients copy server URLs from the description.",
    howToFix:
      "Serve the API over HTTPS only and list `https://` server URLs; keep `http://localhost` for local development.",
    owasp: "API8:2023 Security Misconfiguration",
  },
  check(context, report) {
    const servers: OpenApiNode[] = [...(context.root.get("servers")?.children() ?? [])];
    const seenItems = new Set<unknown>();
    for (const operation of context.operations) {
      for (const holder of [operation.pathItem, operation.node]) {
        if (seenItems.has(holder.value)) continue;
        seenItems.add(holder.value);
        servers.push(...(holder.get("servers")?.children() ?? []));
      }
    }
    for (const server of servers) {
      const urlNode = server.get("url");
      const url = typeof urlNode?.value === "string" ? urlNode.value : "";
      const match = /^(http|ws):\/\/(.*)$/i.exec(url);
      if (urlNode === undefined || match === null || LOCAL_HOST.test(match[2] ?? "")) continue;
      report({
        message: `server URL "${url}" is not encrypted (${match[1]?.toLowerCase()}://)`,
        location: context.locate(urlNode),
        fix: `use "${url.replace(/^http/i, "https").replace(/^ws:/i, "wss:")}"`,
      });
    }
  },
};
