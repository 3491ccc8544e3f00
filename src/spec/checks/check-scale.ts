import type { SpecDocument } from "../spec-schema.js";
import type { Report } from "./report.js";

/** Availability is a percentage; daily users are some of the users. */
export function checkScale(spec: SpecDocument, report: Report): void {
  const availability = spec.scale.availability === undefined ? undefined : Number(spec.scale.availability);
  if (availability !== undefined && !(availability > 0 && availability < 100)) {
    report(
      "spec/out-of-range",
      `scale.availability must be a percentage above 0 and below 100, got ${spec.scale.availability}`,
      ["scale", "availability"],
      { expected: 'e.g. "99.9"' },
    );
  }
  if (spec.scale.dailyActiveUsers > spec.scale.users) {
    report(
      "spec/out-of-range",
      `scale.dailyActiveUsers (${spec.scale.dailyActiveUsers}) is more than scale.users (${spec.scale.users})`,
      ["scale", "dailyActiveUsers"],
      { expected: "at most scale.users" },
    );
  }
}
