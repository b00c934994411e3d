// The Kubernetes URL library: the documentation's examples and those of
// k8s.io/apiserver/pkg/cel/library/urls.go, with Go's ParseRequestURI rules.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mismatches } from './evaluate';

test('url: the examples of the documentation and of urls.go', () => {
  assert.deepEqual(
    mismatches([
      ["url('https://example.com:80/').getHost()", "'example.com:80'"],
      ["url('https://example.com/path with spaces/').getEscapedPath()", "'/path%20with%20spaces/'"],
      ["url('https://user:pass@example.com:80/path?query=val#fragment')", "kubernetes.URL('https://user:pass@example.com:80/path?query=val#fragment')"],
      ["url('/absolute-path')", "kubernetes.URL('/absolute-path')"],
      ["url('https://a:b:c/')", 'invalid: URL parse error during conversion from string: parse "https://a:b:c/": invalid port ":c" after host'],
      ["url('../relative-path')", 'invalid: URL parse error during conversion from string: parse "../relative-path": invalid URI for request'],
      ["isURL('https://user:pass@example.com:80/path?query=val#fragment')", 'true'],
      ["isURL('/absolute-path')", 'true'],
      ["isURL('https://a:b:c/')", 'false'],
      ["isURL('../relative-path')", 'false'],
      ["url('https://example.com:80/').getScheme()", "'https'"],
      ["url('HTTPS://example.com/').getScheme()", "'https'"],
      ["url('https://example.com/').getHost()", "'example.com'"],
      ["url('https://[::1]:80/').getHost()", "'[::1]:80'"],
      ["url('https://[::1]/').getHost()", "'[::1]'"],
      ["url('/path').getHost()", "''"],
      ["url('https://example.com:80/').getHostname()", "'example.com'"],
      ["url('https://127.0.0.1:80/').getHostname()", "'127.0.0.1'"],
      ["url('https://[::1]:80/').getHostname()", "'::1'"],
      ["url('/path').getHostname()", "''"],
      ["url('https://example.com:80/').getPort()", "'80'"],
      ["url('https://example.com/').getPort()", "''"],
      ["url('/path').getPort()", "''"],
      ["url('https://example.com/path').getEscapedPath()", "'/path'"],
      ["url('https://example.com').getEscapedPath()", "''"],
      ["url('https://example.com/a%2Fb').getEscapedPath()", "'/a%2Fb'"],
      ["url('https://example.com/path?k1=a&k2=b&k2=c').getQuery()", "{'k1': ['a'], 'k2': ['b', 'c']}"],
      ["url('https://example.com/path?k1=a&k2=b&k2=c').getQuery() == {'k1': ['a'], 'k2': ['b', 'c']}", 'true'],
      ["url('https://example.com/path?key with spaces=value with spaces').getQuery()", "{'key with spaces': ['value with spaces']}"],
      ["url('https://example.com/path?').getQuery()", '{}'],
      ["url('https://example.com/path').getQuery()", '{}'],
      ["url('https://example.com/a') == url('https://example.com/a')", 'true'],
      ["type(url('/a')) == kubernetes.URL", 'true'],
    ]),
    [],
  );
});
