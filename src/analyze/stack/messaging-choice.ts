import { count, listText, rps } from "./number-text.js";
import type { StackSignals } from "./stack-signals.js";
import type { TechnologyChoice } from "./technology-choice.js";

/** Event rates above this outgrow per-message-priced queues and favour a partitioned log. */
export const LOG_BROKER_MIN_EVENT_RPS = 1_000;
/** Projections rebuilt by replay only justify running Kafka once traffic is this high. */
export const LOG_BROKER_MIN_PEAK_RPS_FOR_REPLAY = 2_000;

export type BrokerKind = "none" | "kafka" | "sns-sqs";

export function chooseBroker(s: StackSignals): BrokerKind {
  if (s.eventCount === 0) return "none";
  if (s.eventRps >= LOG_BROKER_MIN_EVENT_RPS) return "kafka";
  if (s.projections.length > 0 && s.peakRps >= LOG_BROKER_MIN_PEAK_RPS_FOR_REPLAY) return "kafka";
  return "sns-sqs";
}

/** `logged` names the entities whose writes go through an event log (access-pattern-stores.ts). */
export function messagingChoice(s: StackSignals, logged: readonly string[] = []): TechnologyChoice {
  const broker = chooseBroker(s);
  if (broker === "none") {
    const log =
      logged.length > 0
        ? ` The event log for ${listText(logged)} is an ingestion path, not a domain-event broker.`
        : "";
    return {
      concern: "Messaging",
      choice: logged.length > 0 ? "No domain-event broker" : "No message broker",
      rationale: `No relation or use case crosses a service boundary in this spec (${count(s.services.length)} service${s.services.length === 1 ? "" : "s"}), so no domain events need publishing; side effects run in the request's own transaction.${log}`,
      alternatives: [
        {
          name: "Amazon SNS + SQS",
          whyNot:
            "Nothing to publish yet; add it with a transactional outbox when a second service needs these changes.",
        },
        { name: "Apache Kafka", whyNot: "A cluster to run with no topic to put on it." },
      ],
      tradeOff:
        "Background work (emails, webhooks) runs from a PostgreSQL job table; splitting a service later means introducing the outbox and a broker then.",
    };
  }
  const flow = `${count(s.eventCount)} domain event type${s.eventCount === 1 ? "" : "s"} (an estimated ${rps(s.eventRps)} at peak)`;
  if (broker === "kafka") {
    const why =
      s.eventRps >= LOG_BROKER_MIN_EVENT_RPS
        ? `${flow} are past the ${count(LOG_BROKER_MIN_EVENT_RPS)} events/s where per-message queue pricing and fan-out copies add up`
        : `${flow} feed projections for ${listText(s.projections.map((p) => `"${p}"`))} at ${rps(s.peakRps)} overall; a projection must be rebuildable by replaying its topic from the start`;
    return {
      concern: "Messaging",
      choice: "Apache Kafka (Amazon MSK), fed by a transactional outbox per publishing service",
      rationale: `${why}. Partitioning by entity id keeps per-entity order; compacted topics keep the latest state of each entity for replay.`,
      alternatives: [
        {
          name: "Amazon SNS + SQS",
          whyNot:
            "Messages are deleted once consumed, so a new or corrupted projection cannot be rebuilt by replay; ordering only within FIFO message groups at lower throughput.",
        },
        {
          name: "RabbitMQ",
          whyNot:
            "A queue, not a log: no replay for projections (streams aside), and quorum queues need careful capacity planning at this rate.",
        },
      ],
      tradeOff:
        "Highest operational weight of the options: partitions, retention and consumer-group lag must be sized and watched; delivery is at least once, so every consumer keeps an inbox table to deduplicate.",
    };
  }
  return {
    concern: "Messaging",
    choice:
      "Amazon SNS topics fanning out to SQS queues (one queue per consumer, with a dead-letter queue), fed by a transactional outbox",
    rationale: `${flow} are far below what a managed queue handles, and ${s.projections.length === 0 ? "no projection needs replaying" : "projections are few enough to rebuild from the owning service's API"}; there is no broker to run.`,
    alternatives: [
      {
        name: "Apache Kafka (Amazon MSK)",
        whyNot: `Brokers, partitions and retention to size for ${rps(s.eventRps)} of events; replay is its main advantage and this spec does not need it yet.`,
      },
      {
        name: "RabbitMQ",
        whyNot:
          "Self-run or Amazon MQ brokers with patching and failover, for routing features SNS filter policies already cover.",
      },
    ],
    tradeOff:
      "No replay beyond the 14-day SQS retention; ordering is per FIFO message group only, so consumers must tolerate out-of-order and duplicate delivery (inbox table keyed by event id).",
  };
}
