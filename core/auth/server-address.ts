import { z } from 'zod';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** scheme, host (name, IPv4 or [IPv6]), optional port, optional path; nothing else. */
const ADDRESS = /^(https?):\/\/(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?(\/[^?#\s]*)?$/i;

/** Whether `hostname` names this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return LOOPBACK_HOSTS.has(host) || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Why a workstation may not talk to the central server at `address`, or undefined when it may.
 * Plain http carries device tokens, passwords and medical records in the clear, so it is
 * allowed only to this machine (the demo, tests) or when `allowInsecureHttp` is set explicitly
 * for development. Never throws.
 */
export function serverAddressProblem(address: string, allowInsecureHttp = false): string | undefined {
  const match = ADDRESS.exec(address.trim());
  if (!match) return 'Not a server address; it looks like https://vetdesk.clinic.lan:8787';
  const [, scheme = '', host = '', port] = match;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65_535)) return 'The port must be 1 to 65535';
  if (scheme.toLowerCase() === 'https') return undefined;
  if (isLoopbackHost(host) || allowInsecureHttp) return undefined;
  return 'The address must start with https:// (plain http is only allowed to this computer)';
}

/**
 * A central server address as typed: http(s), a host, an optional port and path (no user name,
 * query or #part). Whether plain http is acceptable is `serverAddressProblem`'s call, because
 * it depends on the workstation's settings.
 */
export const serverAddressSchema = z
  .string()
  .trim()
  .min(1, 'Enter the server address')
  .max(500)
  .refine((value) => ADDRESS.test(value), 'Not a server address; it looks like https://vetdesk.clinic.lan:8787');
