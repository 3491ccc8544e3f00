import { type Entity, Field } from "../../model/index.js";
import { kebabCase } from "../naming.js";
import type { DomainEvent, EventField } from "./integration-types.js";

const ID_FIELD: EventField = { name: "id", type: "uuid" };
const OCCURRED_AT: EventField = { name: "occurredAt", type: "timestamp" };

/**
 * Every event the plan needs, by channel name, with the services that consume it. The first
 * planner to ask for a channel sets its payload and purpose; later ones only add consumers.
 */
export class EventRegistry {
  readonly #events = new Map<string, { event: Omit<DomainEvent, "consumers">; consumers: Set<string> }>();

  /** `<service>.<entity-kebab>.<change>`, the same channel names as the service cut's event definitions. */
  entityEvent(
    target: Entity,
    change: "created" | "updated" | "deleted",
    consumer: string,
    purpose: string,
  ): string {
    const name = `${target.service}.${kebabCase(target.name)}.${change}`;
    let entry = this.#events.get(name);
    if (!entry) {
      // Secrets and personal data stay in the owning service: other services get keys and plain state.
      const payload: EventField[] =
        change === "deleted"
          ? [...keyFields(target), OCCURRED_AT]
          : [
              ...keyFields(target),
              ...target.fields
                .filter((f) => !f.secret && !f.pii && !target.key.includes(f.name))
                .map(eventField),
              OCCURRED_AT,
            ];
      entry = {
        event: { name, producer: target.service, entity: target.name, change, payload, purpose },
        consumers: new Set(),
      };
      this.#events.set(name, entry);
    }
    entry.consumers.add(consumer);
    return name;
  }

  /** One message of a saga: its id, the use case, and what the step needs. */
  sagaMessage(
    name: string,
    producer: string,
    consumers: readonly string[],
    purpose: string,
    extra: readonly EventField[] = [],
  ): string {
    const entry = this.#events.get(name) ?? {
      event: {
        name,
        producer,
        entity: "",
        change: "saga" as const,
        payload: [
          { name: "sagaId", type: "uuid" },
          { name: "useCase", type: "string" },
          ...extra,
          OCCURRED_AT,
        ],
        purpose,
      },
      consumers: new Set<string>(),
    };
    for (const c of consumers) entry.consumers.add(c);
    this.#events.set(name, entry);
    return name;
  }

  /** The events by name, each with its consumers sorted. */
  events(): DomainEvent[] {
    return [...this.#events.values()]
      .map(({ event, consumers }) => ({ ...event, consumers: [...consumers].sort() }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }
}

/** The saga's subject in its messages: `orderId` for an Order, or the parts of a composite key. */
export function subjectFields(entity: Entity): EventField[] {
  if (entity.key.length > 0) return keyFields(entity);
  return [{ name: `${entity.name.charAt(0).toLowerCase()}${entity.name.slice(1)}Id`, type: "uuid" }];
}

/** The key another service refers to a row by: `id`, or the parts of a composite key. */
function keyFields(entity: Entity): EventField[] {
  if (entity.key.length === 0) return [ID_FIELD];
  return entity.key.map((part) => {
    const field = entity.fields.find((f) => f.name === part);
    return field ? eventField(field) : { name: part, type: "uuid" };
  });
}

export function eventField(field: Entity["fields"][number]): EventField {
  return Field.isRef(field)
    ? { name: `${field.name}Id`, type: "uuid" }
    : { name: field.name, type: field.type };
}
