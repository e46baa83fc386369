import { z } from 'zod';
import { isoDate, uuidSchema } from '../domain/values.js';
import { MUTATION_NAMES } from '../mutations/registry.js';
import type { SyncStatus } from '../sync/status.js';
import type {
  BillDetail,
  ConflictRow,
  DayAppointment,
  OwnerDetail,
  PatientChart,
  PriceListItemRow,
  RejectionView,
  SearchHitView,
  StaffRow,
} from './views.js';

/**
 * The one API the UI calls (`window.vetdesk`), as operation name -> argument schema -> result
 * type. The preload, the web bridge, the backend handlers and the renderer client are all
 * typed from this map; the backend validates arguments against it before any handler runs.
 */
// The type parameter is a phantom: it carries the operation's result type into `API`.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
function operation<Output>() {
  return <Input extends z.ZodType>(input: Input) => ({ input, output: undefined as unknown as Output });
}

const empty = z.object({});

export const API = {
  'sync.status': operation<SyncStatus>()(empty),
  'session.current': operation<StaffRow | null>()(empty),
  'search.ownersAndPatients': operation<SearchHitView[]>()(
    z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(100).optional() }),
  ),
  'owner.detail': operation<OwnerDetail | null>()(z.object({ id: uuidSchema })),
  'patient.chart': operation<PatientChart | null>()(z.object({ id: uuidSchema })),
  'appointments.day': operation<DayAppointment[]>()(
    z.object({ date: isoDate, vetId: uuidSchema.nullable().optional(), timeZone: z.string().min(1).optional() }),
  ),
  'bill.detail': operation<BillDetail | null>()(z.object({ id: uuidSchema })),
  'staff.list': operation<StaffRow[]>()(empty),
  'priceList.list': operation<PriceListItemRow[]>()(empty),
  'conflicts.list': operation<ConflictRow[]>()(z.object({ includeResolved: z.boolean().optional() })),
  'rejections.list': operation<RejectionView[]>()(empty),
  'rejections.discard': operation<null>()(z.object({ id: uuidSchema })),
  'rejections.retry': operation<{ id: string }>()(z.object({ id: uuidSchema, args: z.unknown().optional() })),
  /**
   * Runs a named mutation. For edits, `base` (the values the change starts from) and
   * `baseVersion` may be left out: the backend fills them from what this workstation shows.
   */
  mutate: operation<{ id: string }>()(
    z.object({ name: z.enum(MUTATION_NAMES as [string, ...string[]]), args: z.record(z.string(), z.unknown()) }),
  ),
} as const;

export type ApiName = keyof typeof API;
export type ApiInput<Name extends ApiName> = z.input<(typeof API)[Name]['input']>;
export type ApiOutput<Name extends ApiName> = (typeof API)[Name]['output'];

/** The `window.vetdesk` shape: one async function per operation. */
export type VetdeskApi = { [Name in ApiName]: (input: ApiInput<Name>) => Promise<ApiOutput<Name>> };
