/**
 * The bytes a mutation's signature covers, the same on both ends. Everything the server uses to
 * decide who did what is covered: the device, the mutation's id, name, arguments, the staff
 * member it claims and the time it claims. Object keys are sorted at every depth, so two JSON
 * encoders that order keys differently still agree.
 */

/** JSON with object keys sorted at every depth; `undefined` members dropped as JSON does. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    // JSON.stringify answers undefined for undefined, functions and symbols (typed as string).
    const encoded = JSON.stringify(value) as string | undefined;
    return encoded ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, member]) => member !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(',')}}`;
}

/** What a workstation signs for one mutation (domain-separated by a version tag). */
export interface SignedMutationFields {
  deviceId: string;
  id: string;
  name: string;
  args: unknown;
  staffId: string;
  createdAt: string;
}

/** The canonical string a mutation signature is made over. Pure; never throws. */
export function mutationSigningPayload(fields: SignedMutationFields): string {
  return canonicalJson([
    'vetdesk-mutation-v1',
    fields.deviceId.toLowerCase(),
    fields.id.toLowerCase(),
    fields.name,
    fields.staffId.toLowerCase(),
    fields.createdAt,
    fields.args,
  ]);
}
