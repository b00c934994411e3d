// A synchronous adapter over secretlint's recommended rules (`@secretlint/secretlint-rule-preset-recommend`,
// pinned). secretlint's own entry point (`@secretlint/core`'s lintSource) is async, but a kube-harden rule's
// `check` must be synchronous and pure; the preset's scanners are plain regex passes that report
// synchronously from their `file(source)` handler, so they are driven here directly with a minimal context.
// A unit test checks that this adapter and `lintSource` agree on a corpus of credentials.

import { rules as presetRules } from '@secretlint/secretlint-rule-preset-recommend';

/** What a secretlint scanner reported: its rule, its message id (never the message: that quotes the value) and a range. */
export interface SecretlintHit {
  ruleId: string;
  messageId: string;
  start: number;
  end: number;
}

interface ScannerContext {
  report(descriptor: { message: unknown; range: readonly [number, number] | number[] }): void;
  ignore(): void;
  createTranslator(): (messageId: string) => string;
}

interface Scanner {
  meta: { id: string };
  create(context: ScannerContext, options: Record<string, unknown>): { file?: (source: unknown) => unknown };
}

// `filter-comments` implements `secretlint-disable` comments: kube-harden has its own suppressions.
const scanners = (presetRules as unknown as Scanner[]).filter((rule) => !rule.meta.id.endsWith('/secretlint-rule-filter-comments'));

/** The preset's rule ids the adapter runs, for the docs and the tests. */
export const secretlintRuleIds: readonly string[] = scanners.map((s) => s.meta.id);

/** Runs every scanner of the preset over `content` and returns what they found, in order of position. */
export function runSecretlint(content: string): SecretlintHit[] {
  const hits: SecretlintHit[] = [];
  // The translator returns the message id itself: secretlint's messages quote the secret, ours never do.
  const translator = () => (messageId: string) => messageId;
  const source = { content, filePath: 'manifest.yaml', ext: '.yaml', contentType: 'text' };
  for (const scanner of scanners) {
    const ruleId = scanner.meta.id;
    const context: ScannerContext = {
      report: (d) => hits.push({ ruleId, messageId: String(d.message), start: d.range[0], end: d.range[1] }),
      ignore: () => undefined,
      createTranslator: translator,
    };
    try {
      const result = scanner.create(context, {}).file?.(source);
      // Only the GCP scanner is async, and only for `.p12` and `.json` files, which a YAML value never is.
      if (result && typeof (result as Promise<unknown>).then === 'function') (result as Promise<unknown>).catch(() => undefined);
    } catch {
      // A scanner that throws on odd input must not take the others down.
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}
