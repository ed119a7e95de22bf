/**
 * The GitHub workflows run only on GitHub, where a typo shows up on release day. Here they are
 * checked against the GitHub workflow JSON schema (SchemaStore's, as compiled into action-validator),
 * and for what each must do: test on three OSes, smoke-test every packaged app before uploading it,
 * upload the update metadata.
 */
import { validateWorkflow } from '@action-validator/core';
import { load } from 'js-yaml';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (name: string) => readFileSync(`.github/workflows/${name}.yml`, 'utf8');

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  if?: string;
  with?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { strategy?: { matrix: { os?: string[]; include?: { os: string }[] } }; steps: Step[] }>;
}

const parse = (name: string) => load(read(name)) as Workflow;
const errorsOf = (source: string) => validateWorkflow(source).errors.map((error) => ('path' in error ? `${error.path}: ${error.title}` : error.detail));

describe.each(['ci', 'release'])('.github/workflows/%s.yml', (name) => {
  it('passes the GitHub workflow schema', () => {
    expect(errorsOf(read(name))).toEqual([]);
  });

  it('is really checked: a misspelt key is refused by the same validator', () => {
    const typo = read(name).replace('runs-on:', 'run-on:');
    expect(errorsOf(typo).length).toBeGreaterThan(0);
  });
});

describe('ci.yml', () => {
  it('runs the README commands on ubuntu, macOS and Windows for every push and pull request', () => {
    const ci = parse('ci');
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
    const { test } = ci.jobs;
    expect(test.strategy!.matrix.include!.map((entry) => entry.os)).toEqual(['ubuntu-latest', 'macos-latest', 'windows-latest']);
    const runs = test.steps.map((step) => step.run).filter(Boolean);
    expect(runs).toContain('npm install');
    expect(runs).toContain('npm test');
  });
});

describe('release.yml', () => {
  const release = parse('release');
  const steps = release.jobs.installers.steps;
  const indexOf = (predicate: (step: Step) => boolean) => steps.findIndex(predicate);

  it('builds on the three OSes and smoke-tests each packaged app before uploading anything', () => {
    expect(release.jobs.installers.strategy!.matrix.os).toEqual(['macos-latest', 'windows-latest', 'ubuntu-latest']);
    const upload = indexOf((step) => step.uses?.startsWith('actions/upload-artifact') === true);
    for (const os of ['Linux', 'macOS', 'Windows']) {
      const smoke = indexOf((step) => step.if === `runner.os == '${os}'` && step.run?.includes('--smoke-test') === true);
      expect(smoke, `a --smoke-test step for ${os}`).toBeGreaterThan(indexOf((step) => step.name === 'Package'));
      expect(smoke, `the ${os} smoke test runs before the upload`).toBeLessThan(upload);
    }
    const linux = steps.filter((step) => step.if === "runner.os == 'Linux'" && step.run?.includes('--smoke-test'));
    for (const step of linux) expect(step.run).toContain('xvfb-run');
  });

  it('uploads the installers together with the update metadata electron-updater reads', () => {
    const upload = steps.find((step) => step.uses?.startsWith('actions/upload-artifact'))!;
    expect(upload.with!.path).toContain('release/latest*.yml');
    expect(upload.with!.path).toContain('release/*.zip');
    expect(upload.with!.path).toContain('release/*.blockmap');
  });
});
