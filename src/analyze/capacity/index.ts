export {
  type CacheAssumptions,
  type CapacityAssumptions,
  type CapacityOverrides,
  DEFAULT_CAPACITY_ASSUMPTIONS,
  type GrowthAssumptions,
  type PostgresAssumptions,
  resolveAssumptions,
  type ServiceAssumptions,
  type StorageAssumptions,
} from "./capacity-assumptions.js";
export type * from "./capacity-report.js";
export { estimateCapacity, TENFOLD } from "./estimate-capacity.js";
export type { ProjectedUseCase } from "./traffic.js";
