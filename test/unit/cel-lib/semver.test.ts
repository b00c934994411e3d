// The Kubernetes semver library (1.34): the documentation's and semver.go's examples.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mismatches } from './evaluate';

test('semver: the examples of the documentation and of semver.go', () => {
  assert.deepEqual(
    mismatches([
      ["isSemver('1.0.0')", 'true'],
      ["isSemver('v1.0', true)", 'true'],
      ["semver('1.2.3').major()", '1'],
      ["semver('1.2.3').compareTo(semver('2.0.0')) < 0", 'true'],
      ["isSemver('hello')", 'false'],
      ["isSemver('v1.0')", 'false'],
      ["isSemver('v1.0', false)", 'false'],
      ["semver('1.0.0')", "kubernetes.Semver('1.0.0')"],
      ["semver('Mi')", "invalid: could not parse semver 'Mi'"],
      ["semver('v1.0.0', true)", "kubernetes.Semver('1.0.0')"],
      ["semver('1.0', true)", "kubernetes.Semver('1.0.0')"],
      ["semver('01.01.01', true)", "kubernetes.Semver('1.1.1')"],
      ["semver('v01.01', true) == semver('1.1.0')", 'true'],
      ["semver('1.2.3').minor()", '2'],
      ["semver('1.2.3').patch()", '3'],
      ["semver('1.2.3').compareTo(semver('1.2.3'))", '0'],
      ["semver('1.2.3').compareTo(semver('2.0.0'))", '-1'],
      ["semver('1.2.3').compareTo(semver('0.1.2'))", '1'],
      ["semver('1.0.0').isGreaterThan(semver('0.1.0'))", 'true'],
      ["semver('1.0.0').isLessThan(semver('0.1.0'))", 'false'],
      // Semantic Versioning 2.0.0 precedence: pre-releases below the release, numeric identifiers as numbers.
      ["semver('1.0.0-alpha').isLessThan(semver('1.0.0'))", 'true'],
      ["semver('1.0.0-alpha.2').isLessThan(semver('1.0.0-alpha.10'))", 'true'],
      ["semver('1.0.0-alpha').isLessThan(semver('1.0.0-alpha.1'))", 'true'],
      ["semver('1.0.0-2').isLessThan(semver('1.0.0-beta'))", 'true'],
      ["semver('1.0.0+build.1') == semver('1.0.0+build.2')", 'true'],
      ["isSemver('01.0.0')", 'false'],
      ["isSemver('1.0.0-01')", 'false'],
    ]),
    [],
  );
});
