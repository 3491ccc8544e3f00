/** Fields every table gets; users may not declare them. */
export const IMPLICIT_FIELDS = ["id", "createdAt", "updatedAt", "version"] as const;
/** Fields a sort may name without declaring them. */
export const SORTABLE_IMPLICIT = ["id", "createdAt", "updatedAt"];
