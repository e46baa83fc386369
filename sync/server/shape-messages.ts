/**
 * The messages and headers of ElectricSQL's HTTP shape protocol, as `GET /v1/shape` speaks it
 * (docs/sync-read-path.md). Names and shapes match what `@electric-sql/client` 1.5 reads.
 */

/** Response headers of the shape protocol. */
export const ShapeHeader = {
  /** The shape handle the response belongs to (on 200 and on 409, where it is the new one). */
  handle: 'electric-handle',
  /** The offset to ask for next. */
  offset: 'electric-offset',
  /** JSON column types, used by the client to parse the text values. */
  schema: 'electric-schema',
  /** Cache buster for the next live request; required on live responses. */
  cursor: 'electric-cursor',
  /** Present when the response ends with an `up-to-date` control message. */
  upToDate: 'electric-up-to-date',
} as const;

/** A column value: PostgreSQL's text form, parsed by the client according to the schema header. */
export type ShapeValue = string | null;

/** One row change. `value` holds every projected column, for updates and deletes too. */
export interface ShapeChangeMessage {
  /** `"schema"."table"/"<id>"`, Electric's key format. */
  key: string;
  value: Record<string, ShapeValue>;
  headers: {
    operation: 'insert' | 'update' | 'delete';
    relation: readonly [string, string];
    /** The transaction that made the change; absent on snapshot rows (see `snapshot-end`). */
    txids?: number[];
  };
}

/**
 * `snapshot-end` precedes the `up-to-date` of a non-live response: every transaction visible in
 * this PostgreSQL snapshot is reflected in what the client holds at that `up-to-date`, whether
 * or not its change arrived as a message. Values are xid8 in decimal.
 */
export interface ShapeSnapshotEndMessage {
  headers: { control: 'snapshot-end'; xmin: string; xmax: string; xip_list: string[] };
}

/** `up-to-date`: the client now holds the shape as of the response's offset. */
export interface ShapeUpToDateMessage {
  headers: { control: 'up-to-date' };
}

/** `must-refetch`: the body of a 409; the client drops what it holds and starts again. */
export interface ShapeMustRefetchMessage {
  headers: { control: 'must-refetch' };
}

export type ShapeMessage =
  ShapeChangeMessage | ShapeSnapshotEndMessage | ShapeUpToDateMessage | ShapeMustRefetchMessage;

export const UP_TO_DATE: ShapeUpToDateMessage = { headers: { control: 'up-to-date' } };
export const MUST_REFETCH: ShapeMustRefetchMessage = { headers: { control: 'must-refetch' } };

/** Column description in the `electric-schema` header. */
export interface ShapeColumnInfo {
  /** PostgreSQL type name as the client's parsers know it (`int4`, `int8`, `bool`, ...). */
  type: string;
  not_null?: true;
  /** Position in the primary key; only `id` has one. */
  pk_index?: number;
}

export type ShapeSchema = Record<string, ShapeColumnInfo>;
