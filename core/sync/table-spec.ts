/** How one replicated table is described: the `table` helper keeps every part as a literal type. */

/** Column types as the sync layer distinguishes them. Enums travel as text. */
export type ColumnType =
  'uuid' | 'text' | 'integer' | 'bigint' | 'numeric' | 'boolean' | 'date' | 'timestamptz' | 'jsonb';

export interface ReplicatedTableSpec {
  /** PostgreSQL table name, schema-qualified when not in `public`. */
  readonly name: string;
  readonly columns: Readonly<Record<string, ColumnType>>;
  /** Staff "delete" sets deleted_at instead of removing the row. */
  readonly softDelete: boolean;
  /** Free-text clinical fields: a conflicting edit never overwrites them silently. */
  readonly clinicalText: readonly string[];
  /** Columns never null on a row a workstation shows, pending local inserts included (`id` always). */
  readonly required: readonly string[];
  /** Text columns restricted to a list of values (the pg enum or check constraint). */
  readonly enums: Readonly<Record<string, readonly string[]>>;
}

const meta = { created_at: 'timestamptz', updated_at: 'timestamptz', version: 'bigint' } as const;

type SoftDeleteColumns<SoftDelete extends boolean> = SoftDelete extends true ? { deleted_at: 'timestamptz' } : unknown;

/** Keeps each table's column names, required columns and enums as literal types, so views can be typed from the spec. */
export function table<
  const Columns extends Record<string, ColumnType>,
  const SoftDelete extends boolean = false,
  const Required extends keyof Columns & string = never,
  // eslint-disable-next-line @typescript-eslint/no-generated-empty-object-type -- a table without enum columns: `keyof` is never, as RowOf needs
  const Enums extends { readonly [K in keyof Columns]?: readonly string[] } = Record<never, never>,
>(
  name: string,
  columns: Columns,
  options: {
    softDelete?: SoftDelete;
    clinicalText?: readonly string[];
    required?: readonly Required[];
    enums?: Enums;
  } = {},
): {
  name: string;
  columns: Columns & typeof meta & SoftDeleteColumns<SoftDelete>;
  softDelete: SoftDelete;
  clinicalText: readonly string[];
  required: readonly ('id' | Required)[];
  enums: Enums;
} {
  const softDelete = (options.softDelete ?? false) as SoftDelete;
  return {
    name,
    columns: { ...columns, ...meta, ...(softDelete ? { deleted_at: 'timestamptz' as const } : {}) } as Columns &
      typeof meta &
      SoftDeleteColumns<SoftDelete>,
    softDelete,
    clinicalText: options.clinicalText ?? [],
    required: ['id', ...(options.required ?? [])],
    enums: options.enums ?? ({} as Enums),
  };
}
