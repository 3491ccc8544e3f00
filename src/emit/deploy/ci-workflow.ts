import { Document } from "yaml";
import type { ServiceRuntime } from "./service-runtime.js";

/** The PostgreSQL server CI tests on, by major version. */
export interface CiDatabase {
  readonly postgresMajor: number;
}

/**
 * `.github/workflows/ci.yml`: install, type-check and test (on the embedded PGlite, then on a real
 * PostgreSQL server), and build the image once the tests pass. The image is built, not pushed:
 * where it goes is the team's registry and credentials, which no design knows.
 */
export function emitCiWorkflow(runtime: ServiceRuntime, image: string, database: CiDatabase): string {
  const node = [
    { uses: "actions/checkout@v4" },
    { uses: "actions/setup-node@v4", with: { "node-version": runtime.nodeMajor, cache: "npm" } },
  ];
  const workflow = {
    name: "CI",
    on: { push: { branches: ["main"] }, pull_request: {} },
    permissions: { contents: "read" },
    concurrency: { group: `ci-\${{ github.ref }}`, "cancel-in-progress": true },
    jobs: {
      test: {
        "runs-on": "ubuntu-latest",
        services: {
          postgres: {
            image: `postgres:${database.postgresMajor}`,
            env: { POSTGRES_HOST_AUTH_METHOD: "trust" },
            ports: ["5432:5432"],
            options: "--health-cmd pg_isready --health-interval 5s --health-timeout 5s --health-retries 12",
          },
        },
        steps: [
          ...node,
          { run: "npm ci" },
          { name: "Type-check", run: `npm run ${runtime.scripts.typecheck}` },
          { name: "Test on the embedded PGlite", run: `npm run ${runtime.scripts.test}` },
          {
            name: `Test on PostgreSQL ${database.postgresMajor}`,
            run: `npm run ${runtime.scripts.test}`,
            env: { DATABASE_URL: "postgres://postgres@localhost:5432/postgres" },
          },
        ],
      },
      image: {
        needs: "test",
        "runs-on": "ubuntu-latest",
        steps: [
          { uses: "actions/checkout@v4" },
          { name: "Build the image", run: `docker build --tag ${image}:\${{ github.sha }} .` },
        ],
      },
    },
  };
  const doc = new Document(workflow, { aliasDuplicateObjects: false });
  doc.commentBefore = [
    " Checks every change the way the design's pipeline asks: types, tests on both databases, the image.",
    " The throwaway PostgreSQL trusts local connections, so no password appears here.",
  ].join("\n");
  return doc.toString({ lineWidth: 0 });
}
