import { type Entity, Field } from "../model/index.js";

const LATITUDE = /^lat(itude)?$/i;
const LONGITUDE = /^(lng|lon|long|longitude)$/i;
const NUMERIC = new Set(["decimal", "integer", "bigint"]);

/** The entity holds a position: a numeric latitude and a numeric longitude field. */
export function hasPosition(entity: Entity): boolean {
  const numeric = (re: RegExp) =>
    entity.fields.some((f) => re.test(f.name) && Field.isScalar(f) && NUMERIC.has(f.type));
  return numeric(LATITUDE) && numeric(LONGITUDE);
}
