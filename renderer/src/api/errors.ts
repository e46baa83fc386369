/** A sentence for staff from whatever an operation threw ({ code, message } across the bridge). */
export function errorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') {
    return error.message;
  }
  return typeof error === 'string' ? error : 'An unexpected error occurred.';
}
