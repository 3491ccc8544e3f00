import type {
  AlterTableCmd,
  AlterTableStmt,
  ColumnDef,
  Constraint,
  CreateDomainStmt,
  CreateEnumStmt,
  CreatePolicyStmt,
  CreateSchemaStmt,
  CreateStmt,
  DropStmt,
  IndexElem,
  IndexStmt,
  Node,
  RangeVar,
  RawStmt,
  RenameStmt,
  VariableSetStmt,
} from "libpg-query";
import type { SourceLocation } from "../../model/source-location.js";
import type { ByteOffsetLocator } from "./byte-offset-locator.js";
import { isDumpText, judgeMigration } from "./migration-heuristic.js";
import type {
  SqlChangeBase,
  SqlChangeDetail,
  SqlColumn,
  SqlConstraint,
  SqlDefault,
  SqlDomain,
  SqlEnum,
  SqlFile,
  SqlIndex,
  SqlIndexKey,
  SqlNote,
  SqlReferentialAction,
  SqlReviewContext,
  SqlTable,
} from "./sql-review-context.js";
import { sqlTypeFromTypeName, stringValue } from "./sql-type-from-type-name.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type MutableTable = Mutable<
  Omit<SqlTable, "columns" | "constraints" | "indexes" | "primaryKey" | "policyColumns">
> & {
  columns: Mutable<SqlColumn>[];
  policyColumns: string[];
  constraints: Mutable<SqlConstraint>[];
  indexes: SqlIndex[];
};
/** A change before its file has been judged a migration or not; `inMigration` is set when the file ends. */
type PendingChange = Omit<SqlChangeBase, "inMigration"> & { inMigration: boolean } & SqlChangeDetail;

export type MigrationMode = "auto" | "all" | "none";

const REFERENTIAL_ACTIONS: Readonly<Record<string, SqlReferentialAction>> = {
  a: "no-action",
  r: "restrict",
  c: "cascade",
  n: "set-null",
  d: "set-default",
};

/**
 * Applies parsed statements, file after file, to an in-memory catalog, the way PostgreSQL
 * would, and records each schema change with what a migration reviewer needs to know about
 * it (was the table new, was a lock timeout set, was it inside a transaction).
 */
export class SqlCatalogBuilder {
  readonly #tables = new Map<string, MutableTable>();
  /** Views, materialized views and foreign tables: relations that are not reviewed as tables. */
  readonly #otherRelations = new Set<string>();
  readonly #enums: SqlEnum[] = [];
  readonly #domains: SqlDomain[] = [];
  readonly #extensions = new Set<string>();
  readonly #schemas = new Set<string>();
  readonly #changes: PendingChange[] = [];
  readonly #notes: SqlNote[] = [];
  readonly #files: SqlFile[] = [];
  readonly #mode: MigrationMode;

  // Per-file state.
  #locator!: ByteOffsetLocator;
  #text = "";
  #fileChangesStart = 0;
  #createdInFile = new Set<string>();
  #searchPath: string[] = ["public"];
  #lockTimeoutSet = false;
  #statementTimeoutSet = false;
  #inTransaction = false;
  #unknownTargets = 0;
  #firstUnknownTable: string | undefined;
  // Per-statement state.
  #stmtStart = 0;
  #stmtEnd = 0;

  constructor(mode: MigrationMode) {
    this.#mode = mode;
  }

  beginFile(locator: ByteOffsetLocator, text: string): void {
    this.#locator = locator;
    this.#text = text;
    this.#fileChangesStart = this.#changes.length;
    this.#createdInFile = new Set();
    this.#searchPath = ["public"];
    this.#lockTimeoutSet = false;
    this.#statementTimeoutSet = false;
    this.#inTransaction = false;
    this.#unknownTargets = 0;
    this.#firstUnknownTable = undefined;
  }

  note(message: string, location: SourceLocation): void {
    this.#notes.push(Object.freeze({ message, location }));
  }

  endFile(): void {
    const judged = judgeMigration({
      path: this.#locator.file,
      text: this.#text,
      changesToUnknownTables: this.#unknownTargets,
      firstUnknownTable: this.#firstUnknownTable,
    });
    const isMigration = this.#mode === "auto" ? judged.isMigration : this.#mode === "all";
    const reason = this.#mode === "auto" ? judged.reason : `migration mode "${this.#mode}" was requested`;
    this.#files.push(
      Object.freeze({
        path: this.#locator.file,
        isMigration,
        migrationReason: reason,
        isDump: isDumpText(this.#text),
      }),
    );
    for (let i = this.#fileChangesStart; i < this.#changes.length; i++) {
      const change = this.#changes[i];
      if (change) change.inMigration = isMigration;
    }
  }

  apply(raw: RawStmt): void {
    const node = raw.stmt;
    if (node === undefined) return;
    this.#stmtStart = this.#skipTrivia(raw.stmt_location ?? 0);
    this.#stmtEnd = (raw.stmt_location ?? 0) + (raw.stmt_len ?? this.#locator.byteLength);
    this.#applyNode(node);
  }

  #applyNode(node: Node): void {
    if ("CreateStmt" in node) this.#createTable(node.CreateStmt);
    else if ("AlterTableStmt" in node) this.#alterTable(node.AlterTableStmt);
    else if ("IndexStmt" in node) this.#createIndex(node.IndexStmt);
    else if ("RenameStmt" in node) this.#rename(node.RenameStmt);
    else if ("DropStmt" in node) this.#drop(node.DropStmt);
    else if ("CreateEnumStmt" in node) this.#createEnum(node.CreateEnumStmt);
    else if ("CreateDomainStmt" in node) this.#createDomain(node.CreateDomainStmt);
    else if ("CreateExtensionStmt" in node) this.#extensions.add(node.CreateExtensionStmt.extname ?? "");
    else if ("CreateSchemaStmt" in node) this.#createSchema(node.CreateSchemaStmt);
    else if ("CreatePolicyStmt" in node) this.#createPolicy(node.CreatePolicyStmt);
    else if ("VariableSetStmt" in node) this.#setVariable(node.VariableSetStmt);
    else if ("TransactionStmt" in node) {
      const kind = node.TransactionStmt.kind;
      if (kind === "TRANS_STMT_BEGIN" || kind === "TRANS_STMT_START") this.#inTransaction = true;
      else if (kind === "TRANS_STMT_COMMIT" || kind === "TRANS_STMT_ROLLBACK") this.#inTransaction = false;
    } else if ("ViewStmt" in node) this.#otherRelations.add(this.#newKey(node.ViewStmt.view));
    else if ("CreateTableAsStmt" in node)
      this.#otherRelations.add(this.#newKey(node.CreateTableAsStmt.into?.rel));
    else if ("CreateForeignTableStmt" in node) {
      this.#otherRelations.add(this.#newKey(node.CreateForeignTableStmt.base?.relation));
    }
  }

  build(): SqlReviewContext {
    const tables = [...this.#tables.values()].map((table) => this.#freezeTable(table));
    const tablesByKey = new Map(tables.map((t) => [t.key, t]));
    return Object.freeze({
      files: Object.freeze([...this.#files]),
      tables: Object.freeze(tables),
      tablesByKey,
      enums: Object.freeze([...this.#enums]),
      domains: Object.freeze([...this.#domains]),
      extensions: Object.freeze([...this.#extensions].filter(Boolean).sort()),
      schemas: Object.freeze([...this.#schemas].filter(Boolean).sort()),
      changes: Object.freeze(this.#changes.map((c) => Object.freeze(c))),
      notes: Object.freeze([...this.#notes]),
    });
  }

  // ---- statements ----

  #createTable(stmt: CreateStmt): void {
    const relation = stmt.relation;
    const key = this.#newKey(relation);
    if (this.#tables.has(key) && stmt.if_not_exists) return;
    const [schema, name] = splitKey(key);
    const parents = (stmt.inhRelations ?? []).flatMap((n) =>
      "RangeVar" in n ? [this.#resolve(n.RangeVar)] : [],
    );
    const table: MutableTable = {
      key,
      schema,
      name,
      displayName: schema === "public" ? name : key,
      file: this.#locator.file,
      location: this.#at(relation?.location),
      columns: [],
      constraints: [],
      indexes: [],
      partitionOf: stmt.partbound !== undefined ? parents[0] : undefined,
      partitionBy: stmt.partspec
        ? {
            strategy: (stmt.partspec.strategy ?? "").replace(/^PARTITION_STRATEGY_/, "").toLowerCase(),
            columns: (stmt.partspec.partParams ?? []).flatMap((p) =>
              "PartitionElem" in p && p.PartitionElem.name ? [p.PartitionElem.name] : [],
            ),
          }
        : undefined,
      inherits: stmt.partbound !== undefined ? [] : parents,
      policyColumns: [],
    };
    this.#tables.set(key, table);
    this.#createdInFile.add(key);
    for (const element of stmt.tableElts ?? []) {
      if ("ColumnDef" in element) this.#addColumn(table, element.ColumnDef);
      else if ("Constraint" in element) this.#addConstraint(table, element.Constraint, undefined);
    }
  }

  #addColumn(table: MutableTable, def: ColumnDef): Mutable<SqlColumn> {
    const column: Mutable<SqlColumn> = {
      name: def.colname ?? "",
      type: sqlTypeFromTypeName(def.typeName),
      notNull: def.is_not_null === true,
      default: def.raw_default ? this.#defaultOf(def.raw_default, undefined) : undefined,
      identity: undefined,
      generated: false,
      location: this.#at(def.location),
    };
    table.columns = table.columns.filter((c) => c.name !== column.name);
    table.columns.push(column);
    for (const node of def.constraints ?? []) {
      if (!("Constraint" in node)) continue;
      const c = node.Constraint;
      switch (c.contype) {
        case "CONSTR_NOTNULL":
          column.notNull = true;
          break;
        case "CONSTR_NULL":
          column.notNull = false;
          break;
        case "CONSTR_DEFAULT":
          column.default = c.raw_expr ? this.#defaultOf(c.raw_expr, c.location) : undefined;
          break;
        case "CONSTR_IDENTITY":
          column.identity = c.generated_when === "a" ? "always" : "by-default";
          column.notNull = true;
          break;
        case "CONSTR_GENERATED":
          column.generated = true;
          break;
        default:
          this.#addConstraint(table, c, column.name);
      }
    }
    return column;
  }

  #addConstraint(
    table: MutableTable,
    c: Constraint,
    inlineColumn: string | undefined,
  ): Mutable<SqlConstraint> | undefined {
    const kind =
      c.contype === "CONSTR_PRIMARY"
        ? "primary-key"
        : c.contype === "CONSTR_UNIQUE"
          ? "unique"
          : c.contype === "CONSTR_FOREIGN"
            ? "foreign-key"
            : c.contype === "CONSTR_CHECK"
              ? "check"
              : c.contype === "CONSTR_EXCLUSION"
                ? "exclude"
                : undefined;
    if (kind === undefined) return undefined;
    const inline = inlineColumn !== undefined ? [inlineColumn] : [];
    let columns: string[];
    if (kind === "foreign-key") columns = c.fk_attrs?.length ? strings(c.fk_attrs) : inline;
    else if (kind === "exclude") columns = exclusionColumns(c.exclusions);
    else if (kind === "check") columns = [];
    else columns = c.keys?.length ? strings(c.keys) : inline;
    const constraint: Mutable<SqlConstraint> = {
      kind,
      name: c.conname,
      table: table.key,
      columns,
      nullsNotDistinct: c.nulls_not_distinct === true,
      references:
        kind === "foreign-key"
          ? { table: this.#resolve(c.pktable), columns: strings(c.pk_attrs ?? []) }
          : undefined,
      onDelete:
        kind === "foreign-key" ? (REFERENTIAL_ACTIONS[c.fk_del_action ?? "a"] ?? "no-action") : undefined,
      onDeleteExplicit: kind === "foreign-key" && this.#spellsOnDelete(c),
      notValid: c.skip_validation === true,
      validatedLater: false,
      usingIndex: c.indexname,
      text: c.location !== undefined ? this.#clauseText(c.location).trim() : "",
      location: this.#at(c.location),
    };
    table.constraints.push(constraint);
    if (kind === "primary-key") {
      for (const column of table.columns) if (columns.includes(column.name)) column.notNull = true;
    }
    return constraint;
  }

  #alterTable(stmt: AlterTableStmt): void {
    if (stmt.objtype !== undefined && stmt.objtype !== "OBJECT_TABLE") return;
    const key = this.#resolve(stmt.relation);
    const table = this.#tables.get(key);
    if (table === undefined && this.#otherRelations.has(key)) return;
    const display = table?.displayName ?? displayOf(key);
    for (const node of stmt.cmds ?? []) {
      if (!("AlterTableCmd" in node)) continue;
      const cmd = node.AlterTableCmd;
      // Locating a sub-command costs a text search, so only the ones that become changes pay it.
      this.#alterTableCommand(key, display, table, cmd, () => this.#commandLocation(cmd));
    }
  }

  #alterTableCommand(
    key: string,
    display: string,
    table: MutableTable | undefined,
    cmd: AlterTableCmd,
    locate: () => SourceLocation,
  ): void {
    const column = table?.columns.find((c) => c.name === cmd.name);
    const def = cmd.def;
    switch (cmd.subtype) {
      case "AT_AddColumn": {
        if (def === undefined || !("ColumnDef" in def)) return;
        const scratch = table ?? this.#scratchTable(key);
        const before = scratch.constraints.length;
        const added = this.#addColumn(scratch, def.ColumnDef);
        this.#change(key, display, locate(), { kind: "add-column", column: Object.freeze({ ...added }) });
        for (const constraint of scratch.constraints.slice(before)) {
          this.#change(key, display, constraint.location, { kind: "add-constraint", constraint });
        }
        return;
      }
      case "AT_DropColumn":
        if (table) this.#dropColumn(table, cmd.name ?? "");
        this.#change(key, display, locate(), { kind: "drop-column", column: cmd.name ?? "" });
        return;
      case "AT_AlterColumnType": {
        if (def === undefined || !("ColumnDef" in def)) return;
        const type = sqlTypeFromTypeName(def.ColumnDef.typeName);
        const previousType = column?.type;
        const previousLocation = column?.location;
        if (column) column.type = type;
        this.#change(key, display, locate(), {
          kind: "alter-column-type",
          column: cmd.name ?? "",
          type,
          previousType,
          previousLocation,
          hasUsing: def.ColumnDef.raw_default !== undefined,
        });
        return;
      }
      case "AT_SetNotNull":
        if (column) column.notNull = true;
        this.#change(key, display, locate(), { kind: "set-not-null", column: cmd.name ?? "" });
        return;
      case "AT_DropNotNull":
        if (column) column.notNull = false;
        return;
      case "AT_ColumnDefault": {
        const value = def ? this.#defaultOf(def, undefined) : undefined;
        if (column) column.default = value;
        this.#change(key, display, locate(), {
          kind: "set-default",
          column: cmd.name ?? "",
          default: value,
          defaultIsNotNull: def !== undefined && isNotNullExpression(def),
        });
        return;
      }
      case "AT_AddIdentity":
        if (column && def && "Constraint" in def) {
          column.identity = def.Constraint.generated_when === "a" ? "always" : "by-default";
          column.notNull = true;
        }
        return;
      case "AT_AddConstraint": {
        if (def === undefined || !("Constraint" in def)) return;
        const scratch = table ?? this.#scratchTable(key);
        const constraint = this.#addConstraint(scratch, def.Constraint, undefined);
        if (constraint) this.#change(key, display, locate(), { kind: "add-constraint", constraint });
        return;
      }
      case "AT_ValidateConstraint":
        for (const c of table?.constraints ?? []) if (c.name === cmd.name) c.validatedLater = true;
        for (const change of this.#changes) {
          if (
            change.kind === "add-constraint" &&
            change.table === key &&
            change.constraint.name === cmd.name
          ) {
            (change.constraint as Mutable<SqlConstraint>).validatedLater = true;
          }
        }
        this.#change(key, display, locate(), { kind: "validate-constraint", constraintName: cmd.name ?? "" });
        return;
      case "AT_DropConstraint":
        if (table) table.constraints = table.constraints.filter((c) => c.name !== cmd.name);
        return;
      case "AT_AttachPartition":
        if (def && "PartitionCmd" in def) {
          const child = this.#tables.get(this.#resolve(def.PartitionCmd.name));
          if (child) child.partitionOf = key;
        }
        return;
      default:
        return;
    }
  }

  #createIndex(stmt: IndexStmt): void {
    const key = this.#resolve(stmt.relation);
    const table = this.#tables.get(key);
    const index: SqlIndex = Object.freeze({
      name: stmt.idxname,
      table: key,
      method: stmt.accessMethod ?? "btree",
      unique: stmt.unique === true,
      nullsNotDistinct: stmt.nulls_not_distinct === true,
      keys: Object.freeze(
        (stmt.indexParams ?? []).flatMap((p) => ("IndexElem" in p ? [indexKey(p.IndexElem)] : [])),
      ),
      include: Object.freeze(
        (stmt.indexIncludingParams ?? []).flatMap((p) => ("IndexElem" in p ? [p.IndexElem.name ?? ""] : [])),
      ),
      predicate: stmt.whereClause ? fingerprint(stmt.whereClause) : undefined,
      concurrently: stmt.concurrent === true,
      origin: "index",
      location: this.#at(this.#stmtStart),
    });
    if (table) table.indexes.push(index);
    if (table || !this.#otherRelations.has(key)) {
      this.#change(key, table?.displayName ?? displayOf(key), index.location, {
        kind: "create-index",
        index,
      });
    }
  }

  #rename(stmt: RenameStmt): void {
    const location = this.#at(this.#stmtStart);
    if (stmt.renameType === "OBJECT_TABLE") {
      const key = this.#resolve(stmt.relation);
      const newName = stmt.newname ?? "";
      this.#change(key, displayOf(key), location, { kind: "rename-table", newName });
      const table = this.#tables.get(key);
      if (table === undefined) return;
      const newKey = `${table.schema}.${newName}`;
      this.#tables.delete(key);
      table.key = newKey;
      table.name = newName;
      table.displayName = table.schema === "public" ? newName : newKey;
      this.#tables.set(newKey, table);
      if (this.#createdInFile.has(key)) this.#createdInFile.add(newKey);
      for (const other of this.#tables.values()) {
        for (const c of other.constraints) {
          if (c.table === key) c.table = newKey;
          if (c.references?.table === key) c.references = { ...c.references, table: newKey };
        }
        other.indexes = other.indexes.map((i) =>
          i.table === key ? Object.freeze({ ...i, table: newKey }) : i,
        );
      }
    } else if (stmt.renameType === "OBJECT_COLUMN" && stmt.relationType === "OBJECT_TABLE") {
      const key = this.#resolve(stmt.relation);
      const from = stmt.subname ?? "";
      const to = stmt.newname ?? "";
      this.#change(key, displayOf(key), location, { kind: "rename-column", column: from, newName: to });
      const table = this.#tables.get(key);
      if (table) renameColumn(table, from, to, this.#tables.values());
    }
  }

  #drop(stmt: DropStmt): void {
    const location = this.#at(this.#stmtStart);
    for (const object of stmt.objects ?? []) {
      const parts = "List" in object ? strings(object.List.items ?? []) : [];
      if (parts.length === 0) continue;
      const rangeVar: RangeVar = { relname: parts[parts.length - 1], schemaname: parts[parts.length - 2] };
      if (stmt.removeType === "OBJECT_TABLE") {
        const key = this.#resolve(rangeVar);
        this.#change(key, displayOf(key), location, { kind: "drop-table" });
        this.#tables.delete(key);
      } else if (stmt.removeType === "OBJECT_INDEX") {
        const name = rangeVar.relname ?? "";
        const owner = [...this.#tables.values()].find((t) => t.indexes.some((i) => i.name === name));
        const key = owner?.key ?? "";
        if (owner) owner.indexes = owner.indexes.filter((i) => i.name !== name);
        this.#change(key, owner?.displayName ?? "", location, {
          kind: "drop-index",
          indexName: name,
          concurrently: stmt.concurrent === true,
        });
      }
    }
  }

  /** `CREATE SCHEMA s CREATE TABLE t ...` creates its elements inside the new schema. */
  #createSchema(stmt: CreateSchemaStmt): void {
    const schema = stmt.schemaname ?? "";
    this.#schemas.add(schema);
    const saved = this.#searchPath;
    this.#searchPath = [schema, ...saved];
    for (const element of stmt.schemaElts ?? []) this.#applyNode(element);
    this.#searchPath = saved;
  }

  #createEnum(stmt: CreateEnumStmt): void {
    const parts = strings(stmt.typeName ?? []);
    const name = parts[parts.length - 1] ?? "";
    const schema =
      parts.length > 1 ? (parts[parts.length - 2] ?? "public") : (this.#searchPath[0] ?? "public");
    this.#enums.push(
      Object.freeze({
        key: `${schema}.${name}`,
        name,
        values: Object.freeze(strings(stmt.vals ?? [])),
        location: this.#at(this.#stmtStart),
      }),
    );
  }

  #createDomain(stmt: CreateDomainStmt): void {
    const parts = strings(stmt.domainname ?? []);
    const name = parts[parts.length - 1] ?? "";
    const schema =
      parts.length > 1 ? (parts[parts.length - 2] ?? "public") : (this.#searchPath[0] ?? "public");
    const notNull = (stmt.constraints ?? []).some(
      (n) => "Constraint" in n && n.Constraint.contype === "CONSTR_NOTNULL",
    );
    this.#domains.push(
      Object.freeze({
        key: `${schema}.${name}`,
        name,
        baseType: sqlTypeFromTypeName(stmt.typeName),
        notNull,
        location: this.#at(this.#stmtStart),
      }),
    );
  }

  #setVariable(stmt: VariableSetStmt): void {
    const name = stmt.name?.toLowerCase();
    if (name === "lock_timeout" || name === "statement_timeout") {
      const value = stmt.args?.[0];
      const off =
        stmt.kind !== "VAR_SET_VALUE" ||
        value === undefined ||
        ("A_Const" in value &&
          ((value.A_Const.ival !== undefined && (value.A_Const.ival.ival ?? 0) === 0) ||
            /^0\s*[a-z]*$/i.test(value.A_Const.sval?.sval ?? "x")));
      if (name === "lock_timeout") this.#lockTimeoutSet = !off;
      else this.#statementTimeoutSet = !off;
    } else if (name === "search_path" && stmt.kind === "VAR_SET_VALUE") {
      const path = (stmt.args ?? []).flatMap((a) =>
        "A_Const" in a && a.A_Const.sval?.sval ? [a.A_Const.sval.sval] : [],
      );
      const schemas = path.filter((p) => p !== "" && p !== "pg_catalog" && p !== "$user");
      this.#searchPath = schemas.length > 0 ? [...schemas, "public"] : ["public"];
    }
  }

  // ---- helpers ----

  #change(table: string, tableDisplayName: string, location: SourceLocation, detail: SqlChangeDetail): void {
    const known = this.#tables.has(table) || this.#otherRelations.has(table);
    if (!known && table !== "" && !this.#createdInFile.has(table)) {
      this.#unknownTargets++;
      this.#firstUnknownTable ??= tableDisplayName;
    }
    this.#changes.push({
      file: this.#locator.file,
      location,
      table,
      tableDisplayName,
      tableIsNew: this.#createdInFile.has(table),
      lockTimeoutSet: this.#lockTimeoutSet,
      statementTimeoutSet: this.#statementTimeoutSet,
      inTransaction: this.#inTransaction,
      inMigration: false,
      ...detail,
    });
  }

  /** A throwaway table for changes to tables the input never created, so their details still parse. */
  #scratchTable(key: string): MutableTable {
    const [schema, name] = splitKey(key);
    return {
      key,
      schema,
      name,
      displayName: displayOf(key),
      file: this.#locator.file,
      location: this.#at(this.#stmtStart),
      columns: [],
      constraints: [],
      indexes: [],
      partitionOf: undefined,
      partitionBy: undefined,
      inherits: [],
      policyColumns: [],
    };
  }

  /**
   * Row-level security: a policy `USING (col = current_setting(...))` scopes every row to the session's
   * tenant, so `col` is the table's tenant column, whatever it is called.
   */
  #createPolicy(stmt: CreatePolicyStmt): void {
    const table = this.#tables.get(this.#resolve(stmt.table));
    if (table === undefined) return;
    for (const expression of [stmt.qual, stmt.with_check]) {
      const column = sessionScopedColumn(expression);
      if (column !== undefined && !table.policyColumns.includes(column)) table.policyColumns.push(column);
    }
  }

  #dropColumn(table: MutableTable, name: string): void {
    table.columns = table.columns.filter((c) => c.name !== name);
    table.constraints = table.constraints.filter((c) => !c.columns.includes(name));
    table.indexes = table.indexes.filter(
      (i) => !i.keys.some((k) => k.column === name) && !i.include.includes(name),
    );
  }

  #newKey(relation: RangeVar | undefined): string {
    const schema = relation?.schemaname ?? this.#searchPath[0] ?? "public";
    return `${schema}.${relation?.relname ?? ""}`;
  }

  /** Resolves a possibly unqualified name the way search_path would, falling back to a unique name match. */
  #resolve(relation: RangeVar | undefined): string {
    const name = relation?.relname ?? "";
    if (relation?.schemaname) return `${relation.schemaname}.${name}`;
    for (const schema of this.#searchPath) {
      const key = `${schema}.${name}`;
      if (this.#tables.has(key) || this.#otherRelations.has(key)) return key;
    }
    const matches = [...this.#tables.keys()].filter((k) => k.endsWith(`.${name}`) && splitKey(k)[1] === name);
    return matches.length === 1 && matches[0] !== undefined
      ? matches[0]
      : `${this.#searchPath[0] ?? "public"}.${name}`;
  }

  #at(byteOffset: number | undefined): SourceLocation {
    return this.#locator.atByte(byteOffset, this.#stmtStart);
  }

  /** ALTER TABLE sub-commands carry no location of their own; point at the column or constraint they name. */
  #commandLocation(cmd: AlterTableCmd): SourceLocation {
    const def = cmd.def;
    if (def && "ColumnDef" in def && def.ColumnDef.location !== undefined)
      return this.#at(def.ColumnDef.location);
    if (def && "Constraint" in def && def.Constraint.location !== undefined)
      return this.#at(def.Constraint.location);
    if (cmd.name) {
      const statement = this.#locator.slice(this.#stmtStart, this.#stmtEnd);
      const found = new RegExp(
        `\\b(?:ALTER|DROP|VALIDATE)\\s+(?:COLUMN\\s+|CONSTRAINT\\s+)?"?${escapeRegExp(cmd.name)}\\b`,
        "i",
      ).exec(statement);
      if (found) return this.#at(this.#stmtStart + Buffer.byteLength(statement.slice(0, found.index)));
    }
    return this.#at(this.#stmtStart);
  }

  #defaultOf(expr: Node, keywordLocation: number | undefined): SqlDefault {
    const start = exprLocation(expr) ?? keywordLocation ?? this.#stmtStart;
    const text = this.#clauseText(start)
      .replace(/^DEFAULT\s+/i, "")
      .replace(/\s+(NOT\s+NULL|NULL|PRIMARY\s+KEY|UNIQUE|REFERENCES|CHECK|CONSTRAINT|COLLATE)\b[\s\S]*$/i, "")
      .trim();
    return Object.freeze({ text, functions: Object.freeze(calledFunctions(expr)) });
  }

  /** The source text from `start` to the end of the clause: the next top-level comma or closing parenthesis. */
  #clauseText(start: number): string {
    const text = this.#locator.slice(start, this.#stmtEnd);
    let depth = 0;
    let quote: string | undefined;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (quote) {
        if (ch === quote) quote = undefined;
      } else if (ch === "'" || ch === '"') quote = ch;
      else if (ch === "(") depth++;
      else if (ch === ")") {
        if (depth === 0) return text.slice(0, i);
        depth--;
      } else if ((ch === "," && depth === 0) || ch === ";") return text.slice(0, i);
    }
    return text;
  }

  #spellsOnDelete(c: Constraint): boolean {
    if ((c.fk_del_action ?? "a") !== "a") return true;
    const from = c.pktable?.location ?? c.location;
    return from !== undefined && /\bON\s+DELETE\b/i.test(this.#clauseText(from));
  }

  #skipTrivia(offset: number): number {
    const text = this.#locator.slice(offset, Math.min(offset + 4096, this.#locator.byteLength));
    const skipped = /^(?:\s+|--[^\n]*\n?|\/\*[\s\S]*?\*\/)*/.exec(text)?.[0] ?? "";
    return offset + Buffer.byteLength(skipped);
  }

  #freezeTable(table: MutableTable): SqlTable {
    const parent = table.partitionOf ? this.#tables.get(table.partitionOf) : undefined;
    const inherited = [
      ...(parent && table.columns.length === 0 ? parent.columns : []),
      ...table.inherits.flatMap((k) => this.#tables.get(k)?.columns ?? []),
    ].filter((c) => !table.columns.some((own) => own.name === c.name));
    const constraints = table.constraints.map((c) =>
      Object.freeze({ ...c, columns: Object.freeze([...c.columns]) }),
    );
    const primaryKey = constraints.find((c) => c.kind === "primary-key");
    const pkColumns = new Set(primaryKey?.columns ?? []);
    const columns = [...inherited, ...table.columns].map((c) =>
      Object.freeze({ ...c, notNull: c.notNull || pkColumns.has(c.name) }),
    );
    const implied: SqlIndex[] = constraints.flatMap((c) =>
      (c.kind === "primary-key" || c.kind === "unique" || c.kind === "exclude") && c.usingIndex === undefined
        ? [
            Object.freeze({
              name: c.name,
              table: table.key,
              method: c.kind === "exclude" ? "gist" : "btree",
              unique: c.kind !== "exclude",
              nullsNotDistinct: c.nullsNotDistinct,
              keys: Object.freeze(c.columns.map((column) => columnKey(column))),
              include: Object.freeze([]),
              predicate: undefined,
              concurrently: false,
              origin: c.kind,
              location: c.location,
            }),
          ]
        : [],
    );
    return Object.freeze({
      ...table,
      inherits: Object.freeze([...table.inherits]),
      policyColumns: Object.freeze([...table.policyColumns]),
      columns: Object.freeze(columns),
      constraints: Object.freeze(constraints),
      indexes: Object.freeze([...implied, ...table.indexes]),
      primaryKey,
    });
  }
}

/** `NOT NULL` written where an expression is expected: the parser reads NOT (NULL). */
function isNotNullExpression(node: Node): boolean {
  if (!("BoolExpr" in node)) return false;
  const expr = node.BoolExpr;
  const [arg] = expr.args ?? [];
  return (
    expr.boolop === "NOT_EXPR" &&
    expr.args?.length === 1 &&
    arg !== undefined &&
    "A_Const" in arg &&
    arg.A_Const.isnull === true
  );
}

function splitKey(key: string): [string, string] {
  const dot = key.indexOf(".");
  return [key.slice(0, dot), key.slice(dot + 1)];
}

function displayOf(key: string): string {
  const [schema, name] = splitKey(key);
  return schema === "public" ? name : key;
}

function strings(nodes: readonly Node[]): string[] {
  return nodes.map(stringValue).filter((s): s is string => s !== undefined);
}

function exclusionColumns(exclusions: readonly Node[] | undefined): string[] {
  const columns: string[] = [];
  for (const pair of exclusions ?? []) {
    const first = "List" in pair ? pair.List.items?.[0] : undefined;
    if (first && "IndexElem" in first && first.IndexElem.name) columns.push(first.IndexElem.name);
  }
  return columns;
}

/** Structural identity of an expression: its parse tree without source positions. */
function fingerprint(node: unknown): string {
  return JSON.stringify(node, (key, value) => (key === "location" ? undefined : value));
}

function columnKey(column: string, rest = ""): SqlIndexKey {
  return Object.freeze({ column, fingerprint: `c:${JSON.stringify(column)}${rest}` });
}

function indexKey(elem: IndexElem): SqlIndexKey {
  const rest =
    elem.opclass ||
    elem.collation ||
    (elem.ordering ?? "SORTBY_DEFAULT") !== "SORTBY_DEFAULT" ||
    elem.nulls_ordering
      ? fingerprint({
          opclass: elem.opclass,
          collation: elem.collation,
          ordering: elem.ordering === "SORTBY_DEFAULT" ? undefined : elem.ordering,
          nulls: elem.nulls_ordering === "SORTBY_NULLS_DEFAULT" ? undefined : elem.nulls_ordering,
        })
      : "";
  const normalizedRest = rest === "{}" ? "" : rest;
  if (elem.name !== undefined) return columnKey(elem.name, normalizedRest);
  return Object.freeze({ column: undefined, fingerprint: `e:${fingerprint(elem.expr)}${normalizedRest}` });
}

function renameColumn(table: MutableTable, from: string, to: string, all: Iterable<MutableTable>): void {
  for (const column of table.columns) if (column.name === from) column.name = to;
  const swap = (names: readonly string[]) => names.map((n) => (n === from ? to : n));
  for (const c of table.constraints) c.columns = swap(c.columns);
  for (const other of all) {
    for (const c of other.constraints) {
      if (c.references?.table === table.key)
        c.references = { ...c.references, columns: swap(c.references.columns) };
    }
  }
  table.indexes = table.indexes.map((index) =>
    Object.freeze({
      ...index,
      include: swap(index.include),
      keys: index.keys.map((k) =>
        k.column === from ? columnKey(to, k.fingerprint.slice(`c:${JSON.stringify(from)}`.length)) : k,
      ),
    }),
  );
}

function exprLocation(expr: Node): number | undefined {
  const inner = Object.values(expr)[0] as { location?: number } | undefined;
  return inner?.location !== undefined && inner.location >= 0 ? inner.location : undefined;
}

/** Names of the functions an expression calls, including SQL-standard forms such as CURRENT_TIMESTAMP. */
function calledFunctions(expr: Node): string[] {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (value === null || typeof value !== "object") return;
    const record = value as Record<string, unknown>;
    const call = record.FuncCall as { funcname?: Node[] } | undefined;
    if (call) {
      const names = strings(call.funcname ?? []);
      const last = names[names.length - 1];
      if (last) found.add(last.toLowerCase());
    }
    const svf = record.SQLValueFunction as { op?: string } | undefined;
    if (svf?.op) found.add(svf.op.replace(/^SVFOP_/, "").toLowerCase());
    for (const child of Object.values(record)) visit(child);
  };
  visit(expr);
  return [...found].sort();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** `col = <expression calling current_setting>` (either side), the shape of a tenant policy. */
function sessionScopedColumn(expression: Node | undefined): string | undefined {
  if (expression === undefined || !("A_Expr" in expression)) return undefined;
  const { name, lexpr, rexpr } = expression.A_Expr;
  const operator = name?.[0];
  if (!operator || !("String" in operator) || operator.String.sval !== "=") return undefined;
  const callsSetting = (node: Node | undefined) =>
    JSON.stringify(node ?? null).includes('"sval":"current_setting"');
  const columnOf = (node: Node | undefined) => {
    if (node === undefined || !("ColumnRef" in node)) return undefined;
    const last = node.ColumnRef.fields?.at(-1);
    return last && "String" in last ? last.String.sval : undefined;
  };
  if (callsSetting(rexpr)) return columnOf(lexpr);
  if (callsSetting(lexpr)) return columnOf(rexpr);
  return undefined;
}
