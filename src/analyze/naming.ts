import pluralize from "pluralize";
import { quoteIdentifier } from "./sql-identifier.js";

/** How spec names become SQL, URL and JSON names. One place, so every artifact agrees. */

export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .toLowerCase();
}

export function kebabCase(name: string): string {
  return snakeCase(name).replace(/_/g, "-");
}

export function camelCase(name: string): string {
  const snake = snakeCase(name);
  return snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Words of any text joined in PascalCase: "Place an order" -> "PlaceAnOrder". */
export function pascalCase(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word) => (word[0] as string).toUpperCase() + word.slice(1))
    .join("");
}

/** Pluralizes the last word only: `OrderLine` -> `order_lines`. */
export function tableName(entityName: string): string {
  const words = snakeCase(entityName).split("_");
  const last = words.pop() ?? "";
  return [...words, pluralize(last)].join("_");
}

/** URL collection segment: `OrderLine` -> `order-lines`. */
export function collectionSegment(entityName: string): string {
  return tableName(entityName).replace(/_/g, "-");
}

/** A ref field `author` is stored as `author_id`. */
export function columnName(fieldName: string, isRef: boolean): string {
  return isRef ? `${snakeCase(fieldName)}_id` : snakeCase(fieldName);
}

/** A ref field `author` appears in JSON as `authorId`. */
export function propertyName(fieldName: string, isRef: boolean): string {
  return isRef ? `${fieldName}Id` : fieldName;
}

/** Path parameter name for an entity's id: `Post` -> `postId`. */
export function idParameterName(entityName: string): string {
  return `${camelCase(entityName)}Id`;
}

/** SQL identifier, quoted only when PostgreSQL needs it. */
export function sqlName(name: string): string {
  return quoteIdentifier(name);
}
