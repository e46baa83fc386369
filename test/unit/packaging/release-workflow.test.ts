import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { REPO_ROOT, readPackageJson } from '../../helpers/packaging.js';

// The release workflow read as the CI service reads it (YAML), then checked for what a release
// needs on every runner: desktop tests before packaging, the platform's installers, signing
// from secrets only, the release-key signature of latest*.yml, and the upload of all of it.

const stepSchema = z.object({
  name: z.string().optional(),
  if: z.string().optional(),
  uses: z.string().optional(),
  run: z.string().optional(),
  shell: z.string().optional(),
  env: z.record(z.string(), z.string()).optional(),
  with: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});
type Step = z.infer<typeof stepSchema>;

const workflowSchema = z.object({
  on: z.object({ push: z.object({ tags: z.array(z.string()) }), workflow_dispatch: z.null() }),
  jobs: z.record(
    z.string(),
    z.object({
      'runs-on': z.string(),
      strategy: z.object({
        matrix: z.object({ include: z.array(z.object({ os: z.string(), platform: z.string() })) }),
      }),
      env: z.record(z.string(), z.string()).optional(),
      steps: z.array(stepSchema),
    }),
  ),
});
type Job = z.infer<typeof workflowSchema>['jobs'][string];

/** `runner.os` on each hosted runner image family. */
function runnerOs(image: string): string {
  if (image.startsWith('ubuntu-')) return 'Linux';
  if (image.startsWith('windows-')) return 'Windows';
  if (image.startsWith('macos-')) return 'macOS';
  throw new Error(`unknown runner image ${image}`);
}

/**
 * Whether a step runs on a runner, for the only conditions this workflow may put on a build
 * step: none, `runner.os == 'X'` or `runner.os != 'X'`, or one on `env.HAS_RELEASE_KEY`
 * (true: the release has its key). Anything else fails the test rather than being guessed.
 */
function runsOn(step: Step, os: string): boolean {
  if (step.if === undefined) return true;
  const byOs = /^runner\.os (==|!=) '(\w+)'$/.exec(step.if);
  if (byOs) return (byOs[1] === '==') === (byOs[2] === os);
  if (step.if === "env.HAS_RELEASE_KEY == 'true'") return true;
  if (step.if.startsWith("env.HAS_RELEASE_KEY != 'true'")) return false;
  throw new Error(`a condition the test cannot read: ${step.if}`);
}

function indexOfStep(steps: Step[], os: string, test: (step: Step) => boolean): number {
  const matches = steps.flatMap((step, index) => (runsOn(step, os) && test(step) ? [index] : []));
  expect(matches, `exactly one such step on ${os}`).toHaveLength(1);
  return matches[0]!;
}

const runs = (text: string) => (step: Step) => step.run?.includes(text) === true;

let job: Job;
let workflow: z.infer<typeof workflowSchema>;

beforeAll(() => {
  const text = readFileSync(path.join(REPO_ROOT, '.github/workflows/release.yml'), 'utf8');
  workflow = workflowSchema.parse(load(text));
  const jobs = Object.values(workflow.jobs);
  expect(jobs).toHaveLength(1);
  job = jobs[0]!;
});

describe('the release workflow', () => {
  it('runs on version tags and by hand', () => {
    expect(workflow.on.push.tags).toEqual(['v*']);
    expect(workflow.on).toHaveProperty('workflow_dispatch');
  });

  it('builds on Linux, Windows and macOS runners, each with its own dist script', () => {
    expect(job['runs-on']).toBe('${{ matrix.os }}');
    const include = job.strategy.matrix.include;
    expect(include.map((entry) => runnerOs(entry.os))).toEqual(['Linux', 'Windows', 'macOS']);
    expect(include.map((entry) => entry.platform)).toEqual(['linux', 'win', 'mac']);
    const { scripts } = readPackageJson();
    for (const { platform } of include) expect(scripts[`dist:${platform}`], platform).toBeDefined();
  });

  it('tests the desktop app on every runner (under xvfb on Linux) before building its installers', () => {
    for (const { os: image } of job.strategy.matrix.include) {
      const os = runnerOs(image);
      const install = indexOfStep(job.steps, os, runs('npm ci'));
      const electron = indexOfStep(job.steps, os, runs('node node_modules/electron/install.js'));
      const rebuild = indexOfStep(job.steps, os, runs('electron-builder install-app-deps'));
      const tests = indexOfStep(job.steps, os, runs('npm run test:electron'));
      const dist = indexOfStep(job.steps, os, runs('npm run dist:${{ matrix.platform }}'));
      const order = [install, electron, rebuild, tests, dist];
      expect(order, `${os}: install, Electron, rebuild, tests, dist in that order`).toEqual(
        order.toSorted((a, b) => a - b),
      );
      expect(job.steps[tests]!.run!.trim().startsWith('xvfb-run '), os).toBe(os === 'Linux');
    }
  });

  it('hands the signing secrets to the build, never literal values', () => {
    const build = job.steps.find(runs('npm run dist:'))!;
    const secrets = [
      'CSC_LINK',
      'CSC_KEY_PASSWORD',
      'APPLE_ID',
      'APPLE_APP_SPECIFIC_PASSWORD',
      'APPLE_TEAM_ID',
      'WIN_CSC_LINK',
      'WIN_CSC_KEY_PASSWORD',
    ];
    for (const name of secrets) expect(build.env?.[name], name).toBe(`\${{ secrets.${name} }}`);
    expect(build.env?.VETDESK_UPDATE_URL).toMatch(/^\$\{\{ vars\.VETDESK_UPDATE_URL /);
    // Absent secrets arrive empty; the build step drops them rather than import an empty certificate.
    expect(build.run).toContain('unset "$name"');
  });

  it('signs latest*.yml with the release key and refuses a tagged release without it', () => {
    expect(job.env?.HAS_RELEASE_KEY).toBe("${{ secrets.VETDESK_RELEASE_PRIVATE_KEY != '' }}");
    const signIndex = job.steps.findIndex(runs('npm run sign-release -- dist/release --key '));
    expect(signIndex).toBeGreaterThan(job.steps.findIndex(runs('npm run dist:')));
    const sign = job.steps[signIndex]!;
    expect(sign.if).toBe("env.HAS_RELEASE_KEY == 'true'");
    expect(sign.env?.VETDESK_RELEASE_PRIVATE_KEY).toBe('${{ secrets.VETDESK_RELEASE_PRIVATE_KEY }}');
    expect(sign.run).toContain('rm -f "$key"');
    const guard = job.steps[0]!;
    expect(guard.if).toBe("env.HAS_RELEASE_KEY != 'true' && startsWith(github.ref, 'refs/tags/v')");
    expect(guard.run).toContain('exit 1');
  });

  it('uploads the installers, latest*.yml and their signatures', () => {
    const uploads = job.steps.filter((step) => step.uses?.startsWith('actions/upload-artifact@'));
    expect(uploads).toHaveLength(1);
    const upload = uploads[0]!;
    expect(job.steps.indexOf(upload)).toBe(job.steps.length - 1);
    const paths = String(upload.with?.path).trim().split('\n');
    for (const pattern of ['*.AppImage', '*.deb', '*.exe', '*.dmg', '*.zip', 'latest*.yml', 'latest*.yml.sig']) {
      expect(paths, pattern).toContain(`dist/release/${pattern}`);
    }
    expect(upload.with?.['if-no-files-found']).toBe('error');
  });
});
