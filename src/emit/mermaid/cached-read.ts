import { HOT_READ_RPS } from "../../analyze/integration.js";
import type { UseCase } from "../../model/index.js";

/**
 * A read-only use case hot enough that its owner serves it through a read-through cache. Only
 * read-only use cases qualify: a use case that writes what it reads would invalidate its own entries.
 */
export function isCachedRead(useCase: UseCase): boolean {
  return useCase.writes.length === 0 && useCase.reads.length > 0 && useCase.peakRps >= HOT_READ_RPS;
}
