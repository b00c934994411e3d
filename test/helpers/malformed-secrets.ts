// Manifests whose only syntax error sits on a line holding a secret: the parser's own messages
// would quote it (`Block scalar header includes extra characters: >Sup3r…`). Shared by the CLI and
// language server tests that check no output reveals it.

export const syntaxSecret = 'Sup3rS3cretPa55';

const around = (line: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n${line}\n`;

/** File name → manifest. */
export const malformedSecrets: Record<string, string> = {
  'folded-header.yaml': around(`  value: >${syntaxSecret}`),
  'literal-header.yaml': around(`  value: | ${syntaxSecret}`),
  'double-quote.yaml': around(`  value: "${syntaxSecret}`),
  'single-quote.yaml': around(`  value: '${syntaxSecret}`),
  'bad-indent.yaml': around(`  user: app\n value: ${syntaxSecret}`),
  'tab-indent.yaml': around(`\tvalue: ${syntaxSecret}`),
  'at-sign.yaml': around(`  value: @${syntaxSecret}`),
  'percent.yaml': around(`  value: %${syntaxSecret}`),
  'stray-bracket.yaml': around(`  value: x\n]${syntaxSecret}`),
  'escape.yaml': around(`  value: "\\q${syntaxSecret}"`),
  'trailing-text.yaml': around(`  value: "x" ${syntaxSecret}`),
};

/** The secret and its substrings of six characters or more. */
export function secretParts(): string[] {
  const out: string[] = [];
  for (let i = 0; i + 6 <= syntaxSecret.length; i++) out.push(syntaxSecret.slice(i, i + 6));
  return out;
}
