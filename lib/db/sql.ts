// The typed SQL boundary: code that runs raw statements takes an `Sql`, which has only the two
// tagged-template methods. A Prisma transaction client satisfies it structurally (so the ledger
// runs inside console transactions too), and so does the node-postgres connection of the POS hot
// path (lib/db/raw-pool.ts) — but an ORM call (`sql.customer.create`) does not type-check here.
export interface Sql {
  /** Rows of a statement; parameters are bound, never interpolated. int8 comes back as bigint. */
  $queryRaw<T = unknown>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T>;
  /** The number of rows a statement affected. */
  $executeRaw(strings: TemplateStringsArray, ...values: unknown[]): Promise<number>;
}

/** A statement kept to be sent later (lib/db/raw-pool.ts `RawTx.probe`): a tagged template's parts. */
export interface Statement {
  strings: TemplateStringsArray;
  values: unknown[];
}

/** `statement\`select …${x}\`` keeps the statement to send later; one call site is one prepared statement. */
export const statement = (strings: TemplateStringsArray, ...values: unknown[]): Statement => ({ strings, values });
