import type { SqlColumn, SqlReviewContext, SqlType } from "../../import/sql/sql-review-context.js";

/** The column's type with domains replaced by their base type, so `CREATE DOMAIN d AS timestamp` is seen through. */
export function columnType(context: SqlReviewContext, column: SqlColumn): SqlType {
  const type = column.type;
  const domain = context.domains.find(
    (d) => d.name === type.name && (type.schema === undefined || d.key === `${type.schema}.${type.name}`),
  );
  if (domain === undefined) return type;
  return { ...domain.baseType, isArray: domain.baseType.isArray || type.isArray };
}

/** NOT NULL on the column, its primary key, or its domain. */
export function columnIsNotNull(context: SqlReviewContext, column: SqlColumn): boolean {
  if (column.notNull) return true;
  const type = column.type;
  return context.domains.some((d) => d.name === type.name && d.notNull);
}
