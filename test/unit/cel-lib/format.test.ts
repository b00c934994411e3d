// The Kubernetes format library and the optional values it returns: the examples of format.go and
// apimachinery's validation messages.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mismatches } from './evaluate';

test('format: the examples of k8s.io/apiserver/pkg/cel/library/format.go', () => {
  assert.deepEqual(
    mismatches([
      ["format.dns1123Label().validate('my-label-name')", "optional_type('optional.none()')"],
      ["format.named('dns1123Label').value().validate('my-label-name') == optional.none()", 'true'],
      ["format.named('dns1123Label').hasValue()", 'true'],
      ["format.named('nope').hasValue()", 'false'],
      ["format.dns1123Label().validate('my-label-name').hasValue()", 'false'],
      ["format.dns1123Label().validate('My_Name').hasValue()", 'true'],
      [
        "format.dns1123Label().validate('My_Name').value()",
        "['a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')']",
      ],
      [`format.dns1123Label().validate('${'a'.repeat(64)}').value()`, "['must be no more than 63 characters']"],
      ["format.dns1123Subdomain().validate('example.com').hasValue()", 'false'],
      ["format.dns1123Subdomain().validate('-example.com').hasValue()", 'true'],
      ["format.dns1035Label().validate('123-abc').hasValue()", 'true'],
      ["format.dns1035Label().validate('abc-123').hasValue()", 'false'],
      ["format.qualifiedName().validate('example.com/MyName').hasValue()", 'false'],
      ["format.qualifiedName().validate('/MyName').value()", "['prefix part must be non-empty']"],
      ["format.qualifiedName().validate('a/b/c').hasValue()", 'true'],
      ["format.dns1123LabelPrefix().validate('my-name-').hasValue()", 'false'],
      ["format.dns1123Label().validate('my-name-').hasValue()", 'true'],
      ["format.labelValue().validate('').hasValue()", 'false'],
      ["format.labelValue().validate('my_value').hasValue()", 'false'],
      ["format.labelValue().validate('-x').hasValue()", 'true'],
      ["format.uri().validate('https://example.com/').hasValue()", 'false'],
      ["format.uri().validate('../x').value()", "['invalid URI']"],
      ["format.uuid().validate('123e4567-e89b-12d3-a456-426614174000').hasValue()", 'false'],
      ["format.uuid().validate('123e4567').hasValue()", 'true'],
      ["format.byte().validate('aGVsbG8=').hasValue()", 'false'],
      ["format.byte().validate('aGVsbG8').hasValue()", 'true'],
      ["format.date().validate('2024-02-29').hasValue()", 'false'],
      ["format.date().validate('2023-02-29').hasValue()", 'true'],
      ["format.datetime().validate('2024-02-29T10:00:00Z').hasValue()", 'false'],
      ["format.datetime().validate('2024-02-29 10:00').hasValue()", 'true'],
    ]),
    [],
  );
});

test('optional values', () => {
  assert.deepEqual(
    mismatches([
      ['optional.of(1).hasValue()', 'true'],
      ['optional.of(1).value()', '1'],
      ['optional.none().hasValue()', 'false'],
      ['optional.none().value()', 'error: optional.none() dereference'],
      ['optional.none().orValue(2)', '2'],
      ['optional.of(1).orValue(2)', '1'],
      ['optional.none().or(optional.of(3)).value()', '3'],
      ["optional.ofNonZeroValue('').hasValue()", 'false'],
      ['optional.ofNonZeroValue([1]).hasValue()', 'true'],
      ["optional.of(['a']) == optional.of(['a'])", 'true'],
      ['optional.of(1) == optional.none()', 'false'],
      ['type(optional.none()) == optional_type', 'true'],
    ]),
    [],
  );
});
