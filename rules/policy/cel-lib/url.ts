// The Kubernetes URL library: url(), isURL() and the accessors of a URL.
// https://kubernetes.io/docs/reference/using-api/cel/#kubernetes-url-library

import { celFunc, celMap, celMethod, CelScalar, listType, mapType } from '@bufbuild/cel';
import type { CelFunc } from '@bufbuild/cel';
import { opaque } from './types';
import { escapedPath, hostname, parseUrl, port, query } from './url-parse';
import type { ParsedUrl } from './url-parse';

const { BOOL, STRING } = CelScalar;

export const urlType = opaque<ParsedUrl>('kubernetes.URL');
const URL = urlType.type;
const read = (value: unknown) => urlType.read(value)!;

function accessor(name: string, get: (u: ParsedUrl) => string): CelFunc {
  return celMethod(name, URL, [], STRING, function () {
    return get(read(this));
  });
}

export const urls: CelFunc[] = [
  celFunc('url', [STRING], URL, (text) => {
    const parsed = parseUrl(text);
    if (typeof parsed === 'string') throw new Error(`URL parse error during conversion from string: ${parsed}`);
    return urlType.make(parsed, text) as never;
  }),
  celFunc('isURL', [STRING], BOOL, (text) => typeof parseUrl(text) !== 'string'),
  accessor('getScheme', (u) => u.scheme),
  accessor('getHost', (u) => u.host),
  accessor('getHostname', hostname),
  accessor('getPort', port),
  accessor('getEscapedPath', escapedPath),
  celMethod('getQuery', URL, [], mapType(STRING, listType(STRING)), function () {
    return celMap(query(read(this)));
  }),
];
