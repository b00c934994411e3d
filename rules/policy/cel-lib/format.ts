// The Kubernetes format library (1.31): format.<name>() and format.named(name) give a format whose
// validate(string) is optional.none() for a valid string and optional.of(errors) otherwise, the errors
// being apimachinery's messages (IsDNS1123Label, IsQualifiedName, IsValidLabelValue…).

import { celFunc, celList, celMethod, CelScalar } from '@bufbuild/cel';
import type { CelFunc } from '@bufbuild/cel';
import { opaque } from './types';
import { none, optionalType, some } from './optional';
import { parseUrl } from './url-parse';

const { STRING } = CelScalar;

function regexError(message: string, pattern: string, ...examples: string[]): string {
  return `${message} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${pattern}')`;
}

const label = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const subdomain = `${label}(\\.${label})*`;
const dns1035 = '[a-z]([-a-z0-9]*[a-z0-9])?';
const qualified = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const labelValue = `(${qualified})?`;
const full = (pattern: string) => new RegExp(`^${pattern}$`);
const max = (n: number) => `must be no more than ${n} characters`;

function check(value: string, limit: number, pattern: string, message: string, ...examples: string[]): string[] {
  const errors = value.length > limit ? [max(limit)] : [];
  if (!full(pattern).test(value)) errors.push(regexError(message, pattern, ...examples));
  return errors;
}

const isDNS1123Label = (v: string) =>
  check(v, 63, label, "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character", 'my-name', '123-abc');
const isDNS1123Subdomain = (v: string) =>
  check(v, 253, subdomain, "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character", 'example.com');
const isDNS1035Label = (v: string) =>
  check(v, 63, dns1035, "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character", 'my-name', 'abc-123');

function isQualifiedName(value: string): string[] {
  const parts = value.split('/');
  const nameMessage = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  if (parts.length > 2)
    return [
      `a qualified name ${regexError("must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", qualified, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  const name = parts[parts.length - 1];
  const errors: string[] = [];
  if (parts.length === 2) {
    if (parts[0] === '') errors.push('prefix part must be non-empty');
    else errors.push(...isDNS1123Subdomain(parts[0]).map((e) => `prefix part ${e}`));
  }
  if (name === '') return [...errors, 'name part must be non-empty'];
  if (name.length > 63) errors.push(`name part ${max(63)}`);
  if (!full(qualified).test(name)) errors.push(regexError(nameMessage, qualified, 'MyName', 'my.name', '123-abc'));
  return errors;
}

const isLabelValue = (v: string) =>
  check(
    v,
    63,
    labelValue,
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
    'MyValue',
    'my_value',
    '12345',
  );

/** A generateName prefix may end in `-`: apimachinery's MaskTrailingDash before the check. */
const prefix = (validate: (v: string) => string[]) => (v: string) => validate(v.length > 1 && v.endsWith('-') ? `${v.slice(0, -1)}a` : v);

const validators: Record<string, (value: string) => string[]> = {
  dns1123Label: isDNS1123Label,
  dns1123Subdomain: isDNS1123Subdomain,
  dns1035Label: isDNS1035Label,
  qualifiedName: isQualifiedName,
  dns1123LabelPrefix: prefix(isDNS1123Label),
  dns1123SubdomainPrefix: prefix(isDNS1123Subdomain),
  dns1035LabelPrefix: prefix(isDNS1035Label),
  labelValue: isLabelValue,
  uri: (v) => (typeof parseUrl(v) === 'string' ? ['invalid URI'] : []),
  uuid: (v) => (/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(v) ? [] : ['does not match the UUID format']),
  byte: (v) => (/^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(v) ? [] : ['invalid base64']),
  date: (v) => (isDate(v) ? [] : ['invalid date']),
  datetime: (v) => (/^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(v) && isDate(v.slice(0, 10)) ? [] : ['invalid datetime']),
};

function isDate(v: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.getUTCMonth() === Number(match[2]) - 1 && date.getUTCDate() === Number(match[3]);
}

export const formatType = opaque<string>('kubernetes.NamedFormat');
const F = formatType.type;
const named = (name: string) => formatType.make(name, name) as never;

export const formats: CelFunc[] = [
  ...Object.keys(validators).map((name) => celFunc(`format.${name}`, [], F, () => named(name))),
  celFunc('format.named', [STRING], optionalType.type, (name) => (name in validators ? some(named(name)) : none())),
  celMethod('validate', F, [STRING], optionalType.type, function (value) {
    const errors = validators[formatType.read(this)!](value);
    return errors.length ? some(celList(errors)) : none();
  }),
];
