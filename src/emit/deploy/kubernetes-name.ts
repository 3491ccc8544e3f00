import { fnv1a } from "../../analyze/stable-hash.js";

/** Kubernetes object names used here must be DNS labels (RFC 1123, and RFC 1035 for a Service). */
const LABEL_MAX = 63;

/**
 * `Social Sharing!` -> `social-sharing`: lower-case letters, digits and single hyphens, starting
 * with a letter. Names longer than a DNS label keep a stable hash of the whole so two long names
 * that share a prefix stay apart.
 */
export function kubernetesName(text: string, suffix = ""): string {
  const words = text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "");
  const base = words.join("-").replace(/^[^a-z]+/, "") || "app";
  const tail = suffix === "" ? "" : `-${suffix}`;
  if (base.length + tail.length <= LABEL_MAX) return `${base}${tail}`;
  const hash = fnv1a(base).toString(36);
  const room = LABEL_MAX - tail.length - hash.length - 1;
  return `${base.slice(0, room).replace(/-+$/, "")}-${hash}${tail}`;
}
