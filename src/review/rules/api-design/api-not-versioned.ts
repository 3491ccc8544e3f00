import type { OpenApiNode } from "../../../import/openapi/openapi-node.js";
import type { OpenApiRule } from "../../openapi/openapi-rule.js";
import { isVersionSegment, pathSegments } from "../../openapi/path-segments.js";

export const apiNotVersioned: OpenApiRule = {
  meta: {
    id: "api-not-versioned",
    area: "api-design",
    defaultSeverity: "warning",
    description: "Neither the server URLs, the paths nor a version header/parameter carry an API version.",
    rationale:
      "Without a version in the contract there is no way to ship a breaking change alongside the old behaviour: every change either breaks clients or never happens.",
    howToFix:
      "Version the API: a `/v1` prefix in the server URL or paths, or a declared version header (e.g. `Api-Version`) with a deprecation policy.",
  },
  check(context, report) {
    const paths = context.root.get("paths");
    if (paths === undefined || paths.children().length === 0) return;
    const serverUrls = (context.root.get("servers")?.children() ?? []).map((s) => s.string("url") ?? "");
    const urlVersioned = serverUrls.some((url) =>
      url
        .replace(/^[a-z]+:\/\/[^/]*/i, "")
        .split("/")
        .some(isVersionSegment),
    );
    const pathVersioned = paths
      .children()
      .every((p) => pathSegments(p.key).some((s) => isVersionSegment(s.text)));
    const parameterVersioned = context.operations.some((o) =>
      o.parameters.some((p) => /version/i.test(p.string("name") ?? "")),
    );
    const componentVersioned = (context.root.get("components")?.get("parameters")?.children() ?? []).some(
      (p: OpenApiNode) => /version/i.test(context.deref(p).string("name") ?? ""),
    );
    if (urlVersioned || pathVersioned || parameterVersioned || componentVersioned) return;
    report({
      message: "the API carries no version in its server URLs, paths or parameters",
      location: context.locate(paths),
      fix: "add a `/v1` prefix to the server URL (or paths) or declare a version header",
    });
  },
};
