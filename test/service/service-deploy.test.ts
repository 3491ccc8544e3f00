/**
 * The deployment files written into service/ must fit the service beside them: the image runs the
 * entry point its build produces, one Deployment serves the one process that hosts every module,
 * and every setting the ConfigMap or a Secret reference passes is one the process reads.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { parse } from "yaml";
import { designSystem } from "../../src/design/design-system.js";
import { emitService } from "../../src/emit/service/emit-service.js";
import { serviceExtraFiles } from "../../src/emit/service/service-extra-files.js";
import { parseSpec } from "../../src/spec/load-spec.js";

const MAIN = readFileSync("templates/service/src/main.ts", "utf8");

test("social-sharing's service folder carries deployment files that match the service", () => {
  const path = "examples/social-sharing/archwright.yaml";
  const design = designSystem(parseSpec(readFileSync(path, "utf8"), path), { svg: false });
  const files = new Map(
    emitService(design, { extraFiles: serviceExtraFiles }).map((f) => [f.path, f.content]),
  );

  // npm run build compiles the folder (rootDir ".") into dist/, so src/main.ts becomes dist/src/main.js.
  const tsconfig = JSON.parse(files.get("tsconfig.json") ?? "{}") as {
    compilerOptions: Record<string, string>;
  };
  assert.deepEqual([tsconfig.compilerOptions.rootDir, tsconfig.compilerOptions.outDir], [".", "dist"]);
  assert.ok(files.has("src/main.ts"));
  const scripts = (JSON.parse(files.get("package.json") ?? "{}") as { scripts: Record<string, string> })
    .scripts;
  assert.match(scripts.start ?? "", /node dist\/src\/main\.js/);
  assert.match(files.get("Dockerfile") ?? "", /CMD \["node", ?"dist\/src\/main\.js"\]/);

  // Three design services, one process: one Deployment, sized for all of them.
  const deployments = [...files.keys()].filter((p) => /^k8s\/[^/]+\/deployment\.yaml$/.test(p));
  assert.equal(deployments.length, 1, deployments.join(", "));
  assert.ok(design.model.services.length > 1);
  const folder = deployments[0]?.split("/")[1] ?? "";
  const config = parse(files.get(`k8s/${folder}/configmap.yaml`) ?? "") as { data: Record<string, string> };
  for (const key of Object.keys(config.data)) {
    if (key === "NODE_OPTIONS") continue; // read by node itself
    assert.ok(MAIN.includes(`env.${key}`), `the ConfigMap sets ${key}, which the service never reads`);
  }
  const deployment = parse(files.get(deployments[0] ?? "") ?? "") as {
    spec: {
      template: {
        spec: {
          containers: { readinessProbe: { httpGet: { path: string } }; env: { name: string }[] }[];
        };
      };
    };
  };
  const container = deployment.spec.template.spec.containers[0];
  assert.equal(container?.readinessProbe.httpGet.path, "/health");
  // Every Secret reference (DATABASE_URL, REDIS_URL) names a variable the service reads too.
  for (const { name } of container?.env ?? [])
    assert.ok(MAIN.includes(`env.${name}`), `the Deployment passes ${name}, which the service never reads`);
});
