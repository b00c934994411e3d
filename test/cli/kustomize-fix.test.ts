// `kube-harden check --fix` and rendered overlays: the files' own safe fixes are written and the
// overlays rendered after them, but a finding of a rendering is left to the user (base or overlay
// is their choice), with one note that says so; no base or overlay file is changed for it.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildOnce, cleanTemps, runCli, tempWorkspace } from './helpers';
import { kubectlMissing } from '../helpers/kubectl';
import { layoutFiles } from '../helpers/overlay-fix';

const noKubectl = kubectlMissing('overlays are not rendered');

describe('--fix and rendered overlays', { skip: noKubectl }, () => {
  before(buildOnce);
  after(cleanTemps);

  test("a base finding through overlays is reported, not fixed, with one note; the layout's files are unchanged", () => {
    const cwd = tempWorkspace(layoutFiles);
    const run = runCli(['check', '--fix', '--level', 'baseline', '.'], { cwd });
    assert.match(run.stdout, /base\/deployment\.yaml:\d+:\d+: .*run-as-non-root.*\(in overlay prod\)/);
    assert.match(run.stdout, /run-as-non-root.*\(in overlay staging\)/);
    const notes = run.stderr.split('\n').filter((l) => l.includes('--fix leaves the 3 finding(s) of rendered overlays to you'));
    assert.equal(notes.length, 1, run.stderr);
    for (const [file, text] of Object.entries(layoutFiles)) assert.equal(readFileSync(join(cwd, file), 'utf8'), text, file);
  });
});
