import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Configuration, TargetConfigType } from 'app-builder-lib';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_MIGRATIONS_DIR } from '../../../db/local/migrate.js';
import { feedProviderOptions } from '../../../electron/main/update-feed.js';
import { REPO_ROOT, readPackageJson } from '../../helpers/packaging.js';

// electron-builder.yml read and validated by electron-builder's own code (its loader, and the
// validation it runs before every build against its configuration schema), then the settings
// that matter for security and updates pinned one by one.

/** electron-builder's debug logger, switched off (the validator only reads `isEnabled`). */
const quietLogger = { isEnabled: false, data: new Map<string, unknown>(), add: () => undefined, save: async () => {} };

/**
 * Resolves when electron-builder would accept `config`; rejects with its message otherwise.
 * Takes any object, as a YAML file can hold anything: checking it is the validator's job.
 */
function validate(config: object): Promise<void> {
  // The logger's class lives in builder-util, which is not a dependency of ours; the validator
  // only reads `isEnabled`, so a plain object of the same shape stands in for it.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
  return validateConfiguration(structuredClone(config), quietLogger);
}

/** The target names of a platform's `target` setting, in whichever form it is written. */
function targetNames(target: TargetConfigType | undefined): string[] {
  if (target == null) return [];
  const list = Array.isArray(target) ? target : [target];
  return list.map((entry) => (typeof entry === 'string' ? entry : entry.target));
}

/**
 * True when a glob list as electron-builder holds it matches `file` (relative to the root):
 * plain patterns, or file sets taken from the root (the loader turns `files` into those).
 */
function globsMatch(patterns: unknown, file: string): boolean {
  const list: unknown[] = Array.isArray(patterns) ? patterns : [patterns];
  return list.some((entry) => {
    if (typeof entry === 'string') return path.matchesGlob(file, entry);
    if (typeof entry !== 'object' || entry === null || 'from' in entry) return false;
    return 'filter' in entry && globsMatch(entry.filter, file);
  });
}

let config: Configuration;

beforeAll(async () => {
  config = await getConfig(REPO_ROOT, null, null);
});

describe('electron-builder.yml against electron-builder 26 itself', () => {
  it('passes the validation electron-builder runs before every build', async () => {
    await expect(validate(config)).resolves.toBeUndefined();
  });

  it('is refused when a setting is misplaced or misspelt (the validation can fail)', async () => {
    // win.publisherName moved under win.signtoolOptions in electron-builder 26.
    const misplaced = { ...config, win: { ...config.win, publisherName: 'VetDesk' } };
    await expect(validate(misplaced)).rejects.toThrow(/configuration\.win/);
    const misspelt = { ...config, electronFuses: { ...config.electronFuses, runAsnode: false } };
    await expect(validate(misspelt)).rejects.toThrow(/configuration\.electronFuses/);
    // Notarisation options were an object before 26; now a boolean, credentials in the environment.
    const oldNotarize = { ...config, mac: { ...config.mac, notarize: { teamId: 'TEAM' } } };
    await expect(validate(oldNotarize)).rejects.toThrow(/configuration\.mac/);
  });
});

describe('electron-builder.yml settings', () => {
  it('flips the Electron fuses that close code-injection paths', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
      resetAdHocDarwinSignature: true,
    });
  });

  it("packs the app into an asar and unpacks better-sqlite3's native module", () => {
    expect(config.asar).toBe(true);
    const releaseDir = path.join(REPO_ROOT, 'node_modules/better-sqlite3/build/Release');
    const natives = readdirSync(releaseDir).filter((name) => name.endsWith('.node'));
    expect(natives).toContain('better_sqlite3.node');
    for (const name of natives) {
      expect(globsMatch(config.asarUnpack, `node_modules/better-sqlite3/build/Release/${name}`), name).toBe(true);
    }
    // Nothing else is forced out of the archive (integrity validation covers only the asar).
    expect(globsMatch(config.asarUnpack, '.build/app/main.mjs')).toBe(false);
  });

  it("rebuilds native modules for Electron's ABI before packing", () => {
    expect(config.npmRebuild).toBe(true);
    expect(config.buildDependenciesFromSource).toBe(false);
  });

  it('packs the entry point, the UI bundle and the local migrations, not the central ones', () => {
    const files = config.files;
    expect(globsMatch(files, readPackageJson().main)).toBe(true);
    expect(globsMatch(files, '.build/app/backend.mjs')).toBe(true);
    expect(globsMatch(files, '.build/app/preload.cjs')).toBe(true);
    expect(globsMatch(files, '.build/renderer/index.html')).toBe(true);
    const localMigrations = path.relative(REPO_ROOT, LOCAL_MIGRATIONS_DIR).split(path.sep).join('/');
    const firstLocal = readdirSync(LOCAL_MIGRATIONS_DIR).find((name) => name.endsWith('.sql'));
    expect(firstLocal).toBeDefined();
    expect(globsMatch(files, `${localMigrations}/${firstLocal!}`)).toBe(true);
    const firstCentral = readdirSync(path.join(REPO_ROOT, 'migrations/central')).find((name) => name.endsWith('.sql'));
    expect(globsMatch(files, `migrations/central/${firstCentral!}`)).toBe(false);
  });

  it('builds AppImage and deb for Linux, nsis for Windows, dmg and the updater zip for macOS', () => {
    expect(targetNames(config.linux?.target)).toEqual(['AppImage', 'deb']);
    expect(targetNames(config.win?.target)).toEqual(['nsis']);
    expect(targetNames(config.mac?.target)).toEqual(['dmg', 'zip']);
  });

  it('publishes to the generic feed at VETDESK_UPDATE_URL, always as latest*.yml', () => {
    expect(config.publish).toEqual({
      provider: 'generic',
      url: '${env.VETDESK_UPDATE_URL}',
      channel: 'latest',
      useMultipleRangeRequest: false,
    });
    expect(config.detectUpdateChannel).toBe(false);
  });

  it("asks for one byte range per request in differential downloads, as the updater's own settings do", async () => {
    // The runtime settings (setFeedURL) replace app-update.yml's: both must say the same.
    const runtime = feedProviderOptions('https://server.example/updates/stable/');
    expect(runtime.useMultipleRangeRequest).toBe(false);
    // The key is electron-builder's for the generic provider: misspelt, the validation refuses it.
    const misspelt = {
      ...config,
      publish: { provider: 'generic', url: 'https://x/', useMultipleRangeRequests: false },
    };
    await expect(validate(misspelt)).rejects.toThrow(/configuration\.publish/);
  });

  it('signs from the environment only: hardened runtime and notarisation on macOS, sha256 on Windows', () => {
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.mac?.notarize).toBe(true);
    expect(config.win?.signtoolOptions?.signingHashAlgorithms).toEqual(['sha256']);
    // No certificate, password or publisher is written into the file.
    const text = JSON.stringify(config);
    for (const key of ['cscLink', 'cscKeyPassword', 'certificateFile', 'certificatePassword', 'publisherName']) {
      expect(text, key).not.toContain(`"${key}"`);
    }
  });

  it('grants macOS only the JIT entitlements V8 needs', () => {
    expect(config.mac?.entitlements).toBe(config.mac?.entitlementsInherit);
    const plist = readFileSync(path.join(REPO_ROOT, config.mac!.entitlements!), 'utf8');
    const granted = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((match) => match[1]);
    expect(granted).toEqual([
      'com.apple.security.cs.allow-jit',
      'com.apple.security.cs.allow-unsigned-executable-memory',
    ]);
  });

  it('has npm scripts that build the bundles, then package without publishing', () => {
    const { scripts } = readPackageJson();
    expect(scripts['build:app']).toBe('npm run build:ui && npm run build:electron');
    const flags: Record<string, string> = {
      dist: '',
      'dist:linux': ' --linux',
      'dist:win': ' --win',
      'dist:mac': ' --mac',
      'dist:dir': ' --dir',
    };
    for (const [name, flag] of Object.entries(flags)) {
      expect(scripts[name], name).toBe(`npm run build:app && electron-builder${flag} --publish never`);
    }
  });
});
