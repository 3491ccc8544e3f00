import type { ServiceRuntime } from "./service-runtime.js";

/**
 * One image for every service of the design (the process reads which one it hosts from its
 * environment), built in two stages so compilers and dev dependencies never reach production.
 * A single-service design names its service in the image, so `docker run` needs no extra flag.
 */
export function emitDockerfile(runtime: ServiceRuntime, system: string, services: readonly string[]): string {
  const base = `node:${runtime.nodeMajor}-slim`;
  const only = services.length === 1 ? services[0] : undefined;
  const env = [
    "NODE_ENV=production",
    `HOST=${runtime.host}`,
    `PORT=${runtime.port}`,
    ...(only === undefined ? [] : [`${runtime.serviceVariable}=${only}`]),
  ];
  const probe = `fetch('http://127.0.0.1:' + (process.env.PORT || ${runtime.port}) + '${runtime.healthPath}').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`;
  const lines = [
    "# syntax=docker/dockerfile:1",
    `# ${system}: ${only === undefined ? `one image for its ${services.length} services; ${runtime.serviceVariable} chooses the one a container runs (${services.join(", ")})` : `the ${only} service`}.`,
    `# Pin ${base} to a digest (${base}@sha256:...) for byte-reproducible builds.`,
    "",
    "# Build: every dependency, then compile. npm ci installs exactly package-lock.json: commit the one",
    "# the first npm install writes.",
    `FROM ${base} AS build`,
    "WORKDIR /app",
    "COPY package.json package-lock.json ./",
    "RUN npm ci",
    "COPY . .",
    `RUN npm run ${runtime.scripts.build}`,
    "",
    "# Runtime: production dependencies and the build output only, owned by root and run by the",
    "# image's unprivileged node user, so the process cannot rewrite its own code.",
    `FROM ${base} AS runtime`,
    `ENV ${env.join(" ")}`,
    "WORKDIR /app",
    "COPY package.json package-lock.json ./",
    "RUN npm ci --omit=dev && npm cache clean --force",
    ...runtime.buildOutput.map((path) => `COPY --from=build /app/${path} ./${path}`),
    `USER ${runtime.uid}:${runtime.uid}`,
    `EXPOSE ${runtime.port}`,
    "# For docker run and compose; Kubernetes ignores it and probes the same path itself. node:slim has",
    "# no curl, so node's own fetch asks.",
    `HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 CMD ${JSON.stringify(["node", "-e", probe])}`,
    "# node is PID 1 and receives SIGTERM directly (npm would sit in between).",
    `CMD ${JSON.stringify(runtime.command)}`,
    "",
  ];
  return lines.join("\n");
}

/** Keeps the build context small, reproducible and free of local secrets. */
export function emitDockerignore(): string {
  return [
    "# Installed and built inside the image, never copied from the host.",
    "node_modules",
    "dist",
    "# Local secrets and state.",
    ".env",
    ".env.*",
    "*.log",
    "coverage",
    "# Deployment files change nothing in the image.",
    ".git",
    ".github",
    "k8s",
    "Dockerfile",
    ".dockerignore",
    "",
  ].join("\n");
}
