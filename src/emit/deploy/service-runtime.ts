/**
 * What the deployment files assume about the generated service's package: how it is built, how it
 * starts, where it answers health checks and how long it takes to stop. The service generator owns
 * these facts; they are gathered here, in one value, so the Dockerfile, the manifests and the CI
 * workflow cannot disagree with each other, and so the generator can pass its own. Beyond these,
 * the package must have a package-lock.json (`npm ci` in the image and in CI installs from it).
 */
export interface ServiceRuntime {
  /** Major version of Node.js in both image stages and in CI. */
  readonly nodeMajor: number;
  /** The port `npm start` listens on (PORT). */
  readonly port: number;
  /** The address the process binds in a container: it must accept traffic from outside the pod. */
  readonly host: string;
  /** Answers 200 while the process and its dependencies are usable, 503 while shutting down. */
  readonly healthPath: string;
  /** npm scripts run in CI and in the image's build stage. */
  readonly scripts: { readonly typecheck: string; readonly test: string; readonly build: string };
  /** What the build stage produces and the runtime stage keeps, besides production dependencies. */
  readonly buildOutput: readonly string[];
  /** The command the container runs: node itself, so SIGTERM reaches the service and not npm. */
  readonly command: readonly string[];
  /** The environment variable that tells one process which design service it hosts. */
  readonly serviceVariable: string;
  /**
   * After SIGTERM the service keeps answering (with /health at 503) for this long, so that the
   * readiness probe fails and load balancers stop sending it traffic before it closes its server.
   */
  readonly shutdownDrainSeconds: number;
  /** Then it has this long to finish in-flight requests and close its pools. */
  readonly shutdownCloseSeconds: number;
  /** The non-root user of the node image, by number so Kubernetes' runAsNonRoot can verify it. */
  readonly uid: number;
  /**
   * `per-service`: one process (and Deployment) per design service, `serviceVariable` naming it;
   * `one`: a single process hosts every service's module, as the generated service does, so the
   * manifests describe one Deployment sized for the whole design's traffic.
   */
  readonly processes: "per-service" | "one";
}

export const DEFAULT_SERVICE_RUNTIME: ServiceRuntime = Object.freeze({
  nodeMajor: 20,
  port: 3000,
  host: "0.0.0.0",
  healthPath: "/health",
  scripts: Object.freeze({ typecheck: "typecheck", test: "test", build: "build" }),
  buildOutput: Object.freeze(["dist"]),
  command: Object.freeze(["node", "dist/main.js"]),
  serviceVariable: "SERVICE_NAME",
  shutdownDrainSeconds: 10,
  shutdownCloseSeconds: 10,
  uid: 1000,
  processes: "per-service",
});
