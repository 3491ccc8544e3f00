import { primaryService } from "../../../analyze/integration.js";
import { Model } from "../../../model/index.js";
import type { ArchitectureContext } from "../../architecture/architecture-context.js";
import { answeringDatabases, writesRunAsSaga } from "../../architecture/async-evidence.js";
import { servicesOf } from "../../architecture/spec-artifact-match.js";
import type { Rule } from "../../rule.js";

export const multiServiceWriteWithoutSaga: Rule<ArchitectureContext> = {
  meta: {
    id: "multi-service-write-without-saga",
    area: "architecture",
    defaultSeverity: "error",
    description:
      "A use case writes data of more than one service with no saga or transactional outbox to keep the writes consistent.",
    rationale:
      "No database transaction spans two services. Without a saga (local transactions, events through an outbox, compensations on failure) a crash between the writes leaves half a checkout: stock reserved with no order, or a payment with no order. The evidence is the `outbox` table in the reviewed database of the service that answers the use case. Without SQL for that service there is nothing to check: archwright's design plans a saga for every use case that writes in several services, `transactional: true` or not.",
    howToFix:
      "Add an `outbox` table to the answering service's database and run the use case as a saga, or keep the written entities in one service.",
  },
  check(context, report) {
    const { model } = context;
    const byName = Model.entitiesByName(model);
    for (const useCase of model.useCases) {
      const services = servicesOf(model, useCase.writes);
      if (services.length < 2 || writesRunAsSaga(context, useCase)) continue;
      const producer = primaryService(useCase, byName);
      const folders = answeringDatabases(context, useCase).map((d) => d.folder);
      report({
        message: `Use case "${useCase.name}" writes data of services ${services.join(", ")}, but the ${producer} database (${folders.join(", ")}) has no outbox table.`,
        location: useCase.location,
        fix: `Add an outbox table to the ${producer} database and run "${useCase.name}" as a saga, or keep its writes in one service.`,
      });
    }
  },
};
