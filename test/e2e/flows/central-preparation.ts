import { rm } from 'node:fs/promises';
import type { UpdateChannel } from '../../../core/release/update-admin-wire.js';
import { newId } from '../../../core/ids.js';
import { centralDbConfigFromEnv } from '../../../db/central/config.js';
import { openCentralDb } from '../../../db/central/open.js';
import { updatesDirFromEnv } from '../../../server/config.js';
import { ArtifactStore } from '../../../server/updates/artifact-store.js';
import { publishRelease } from '../../../server/updates/publish-release.js';
import { generateReleaseKeyPair } from '../../../server/updates/release-keys.js';
import { makeReleaseDir } from '../../helpers/release-fixtures.js';

/** A signed test release to publish, as `npm run publish-update` would. */
export interface PreparedRelease {
  channel: UpdateChannel;
  version: string;
  notes: string;
  /** Share of devices served at once (default 100). */
  rolloutPercent?: number;
}

/** A change the last restore could not bring back, made by the practice's first vet on its workstation. */
export interface PreparedRestoreGap {
  name: string;
  args: Record<string, unknown>;
  receivedAt: string;
}

/** What the central database of a launch holds beyond the demo practice. */
export interface CentralPreparation {
  releases?: PreparedRelease[];
  restoreGaps?: PreparedRestoreGap[];
}

/**
 * Writes `preparation` into the stopped demo copy in `dataDir` (its embedded central database
 * and update folder), the way an admin would on the server machine with the server stopped:
 * releases through the publish code with a release key made for the test (so the signature
 * checks are the real ones), restore gaps as a restore records them.
 */
export async function prepareCentral(dataDir: string, preparation: CentralPreparation): Promise<void> {
  const env = { VETDESK_DATA_DIR: dataDir };
  const db = await openCentralDb(centralDbConfigFromEnv(env));
  try {
    const keys = generateReleaseKeyPair();
    const store = new ArtifactStore(updatesDirFromEnv(env));
    for (const release of preparation.releases ?? []) {
      const made = await makeReleaseDir(release.version, keys.privateKeyPem, { size: 4_000, notes: release.notes });
      try {
        await publishRelease(db, store, {
          dir: made.dir,
          channel: release.channel,
          rolloutPercent: release.rolloutPercent,
          publicKeyPem: keys.publicKeyPem,
          publishedBy: 'cli:practice-admin',
        });
      } finally {
        await rm(made.dir, { recursive: true, force: true });
      }
    }
    if (preparation.restoreGaps?.length) {
      const { rows } = await db.query<{ device_id: string; clinic_id: string; staff_id: string }>(
        `select d.id as device_id, d.clinic_id, s.id as staff_id
           from devices d join staff s on s.clinic_id = d.clinic_id and s.role = 'vet'
          order by d.enrolled_at, s.display_name limit 1`,
      );
      const author = rows[0];
      if (!author) throw new Error('the demo practice has no enrolled device and vet');
      for (const gap of preparation.restoreGaps) {
        await db.query(
          `insert into sync.restore_gaps (id, device_id, clinic_id, staff_id, name, args, status, received_at)
           values ($1, $2, $3, $4, $5, $6::text::jsonb, 'applied', $7)`,
          [
            newId(),
            author.device_id,
            author.clinic_id,
            author.staff_id,
            gap.name,
            JSON.stringify(gap.args),
            gap.receivedAt,
          ],
        );
      }
    }
  } finally {
    await db.close();
  }
}
