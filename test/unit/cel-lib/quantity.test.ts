// The Kubernetes quantity library: the documentation's examples with the API server's results, exact
// decimal arithmetic, and the errors of a bad quantity.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mismatches } from './evaluate';

test('quantity: the examples of the Kubernetes CEL documentation', () => {
  assert.deepEqual(
    mismatches([
      ['quantity("500000G").isInteger()', 'true'],
      ['quantity("50k").asInteger()', '50000'],
      ['quantity("9999999999999999999999999999999999999G").asApproximateFloat()', '1e+46'],
      // The documentation adds a string, which has no overload: the API server's type check refuses it too.
      ['quantity("50k").add("20k")', 'error: found no matching overload…'],
      ['quantity("50k").sub(20000)', "kubernetes.Quantity('30000')"],
      ['quantity("50k").add(20).sub(quantity("100k")).sub(-50000)', "kubernetes.Quantity('20')"],
      ['quantity("200M").compareTo(quantity("0.2G"))', '0'],
      ['quantity("150Mi").isGreaterThan(quantity("100Mi"))', 'true'],
      ['quantity("50M").isLessThan(quantity("100M"))', 'true'],
    ]),
    [],
  );
});

test('quantity: the examples of k8s.io/apiserver/pkg/cel/library/quantity.go', () => {
  assert.deepEqual(
    mismatches([
      ["isQuantity('1.3G')", 'true'],
      ["isQuantity('1.3Gi')", 'true'],
      ["isQuantity('1,3G')", 'false'],
      ["isQuantity('10000k')", 'true'],
      ["isQuantity('200K')", 'false'],
      ["isQuantity('Three')", 'false'],
      ["isQuantity('Mi')", 'false'],
      ["quantity('1.5G').isInteger()", 'true'],
      ["quantity('1.5').isInteger()", 'false'],
      ["quantity('1.5Gi').asInteger()", '1610612736'],
      ["quantity('1.5').asInteger()", 'error: cannot convert value to integer'],
      ["quantity('1.5Gi').asApproximateFloat()", '1610612736.0'],
      ["quantity('50M').sign()", '1'],
      ["quantity('0').sign()", '0'],
      ["quantity('-50M').sign()", '-1'],
      ["quantity('1.1').add(quantity('2.2')) == quantity('3.3')", 'true'],
      ["quantity('1Gi').compareTo(quantity('1024Mi'))", '0'],
      ["quantity('1Gi').compareTo(quantity('1000Mi'))", '1'],
      ["quantity('1000Mi').compareTo(quantity('1Gi'))", '-1'],
      ["quantity('200m').isLessThan(quantity('1'))", 'true'],
      ["quantity('1') == quantity('1000m')", 'true'],
      ["quantity('1k') == quantity('1e3')", 'true'],
      ["quantity('1Ki') == quantity('1k')", 'false'],
      ["quantity('9223372036854775807').add(1).isInteger()", 'false'],
      ["quantity('.5') == quantity('500m')", 'true'],
      ["quantity('5E') == quantity('5e18')", 'true'],
      // Below a nano unit Kubernetes rounds away from zero.
      ["quantity('1e-12') == quantity('1n')", 'true'],
      ["quantity('-1.5n') == quantity('-2n')", 'true'],
    ]),
    [],
  );
});

test('quantity: bad quantities are errors, at evaluation as in the API server', () => {
  assert.deepEqual(
    mismatches([
      ["quantity('200K')", "invalid: unable to parse quantity's suffix 'K'"],
      ["quantity('')", 'invalid: quantities must match…'],
      ["quantity('1,3G')", "invalid: unable to parse quantity's suffix ',3G'"],
      ["quantity('1e100000')", "invalid: quantity '1e100000' has an exponent beyond ±1000, which kube-harden does not evaluate"],
    ]),
    [],
  );
});
