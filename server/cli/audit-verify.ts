import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AppError, ErrorCode, isAppError } from '../../core/errors.js';
import { centralDbConfigFromEnv } from '../../db/central/config.js';
import { openCentralDb } from '../../db/central/open.js';
import { verifyAuditChain } from '../../sync/server/audit-chain-verify.js';

const USAGE = `usage: npm run audit:verify [-- --head SEQ:HASH]
  (no flags)       walk the audit seal chain and report the first broken link
  --head SEQ:HASH  also require the seal at SEQ to carry HASH (a head exported earlier)`;

const argsSchema = z.object({
  head: z
    .string()
    .regex(/^[1-9][0-9]*:[0-9a-f]{64}$/, '--head must be SEQ:HASH (a positive seq, 64 lowercase hex digits)')
    .optional(),
});

/**
 * `npm run audit:verify`: checks the audit hash chain on the configured database (DATABASE_URL
 * or the embedded data folder). Exits 0 when it holds, 1 at the first broken link or on error.
 */
async function main(): Promise<number> {
  let raw;
  try {
    raw = parseArgs({ options: { head: { type: 'string' } }, strict: true }).values;
  } catch (error) {
    throw new AppError(ErrorCode.ConfigInvalid, `${(error as Error).message}\n${USAGE}`);
  }
  const parsed = argsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError(ErrorCode.ConfigInvalid, `${parsed.error.issues.map((i) => i.message).join('; ')}\n${USAGE}`);
  }
  const db = await openCentralDb(centralDbConfigFromEnv());
  try {
    process.stdout.write(`database: ${db.location}\n`);
    const report = await verifyAuditChain(db);
    if (report.broken) {
      const { kind, seq, auditId, expected, found } = report.broken;
      process.stdout.write(
        `BROKEN at seq ${seq} (audit id ${auditId}): ${kind}\n  expected ${expected}\n  found    ${found}\n` +
          `${report.checked} seal(s) before it hold\n`,
      );
      return 1;
    }
    if (parsed.data.head !== undefined) {
      const [seqText, hash] = parsed.data.head.split(':') as [string, string];
      const { rows } = await db.query<{ hash: string }>('select hash from audit.entity_change_seals where seq = $1', [
        Number(seqText),
      ]);
      const found = rows[0]?.hash ?? 'no such seal';
      if (found !== hash) {
        process.stdout.write(`BROKEN at seq ${seqText}: exported head\n  expected ${hash}\n  found    ${found}\n`);
        return 1;
      }
    }
    process.stdout.write(
      `OK: ${report.checked} sealed audit row(s) verified, ${report.unsealed} not sealed yet\n` +
        (report.redacted > 0
          ? `  of which ${report.redacted} redacted by erasures (links hold, values erased)\n`
          : '') +
        `head: ${report.head ? `${report.head.seq}:${report.head.hash}` : 'none (nothing sealed yet)'}\n`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${isAppError(error) ? `${error.code}: ${error.message}` : String(error)}\n`);
    process.exit(1);
  },
);
