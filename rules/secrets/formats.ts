// Known credential formats in a piece of text: secretlint's recommended scanners first (cloud keys,
// GitHub/GitLab/Slack/npm/… tokens, private keys, URLs with a password, database connection strings),
// then the formats it lacks, kept here and documented in rules/secret-in-env.md: JWTs, AWS access key
// ids, Authorization headers, URLs with a password for any scheme, and `--password=`-style flags.

import { runSecretlint } from './secretlint';
import { credentialNameKind } from './names';
import { containsReference, notASecret } from './placeholders';

/** One credential found in a text: what kind it is and where, as offsets into the text. */
export interface Detection {
  kind: string;
  start: number;
  end: number;
  /** The flag, variable or key that named it, when the detection came from a name (`--password`, `db.password`). */
  name?: string;
}

/** Human names of secretlint's findings, by message id (never its message, which quotes the value). */
const secretlintKinds: Record<string, string> = {
  AWSSecretAccessKey: 'AWS secret access key',
  AWSAccessKeyID: 'AWS access key ID',
  AWSAccountID: 'AWS account ID',
  PrivateKeyJSON: 'GCP service account key',
  PrivateKeyP12: 'GCP service account key',
  PackageJSON_xOauthToken: 'npm token',
  Npmrc_authToken: 'npm token',
  NPM_ACCESS_TOKEN: 'npm token',
  SLACK_TOKEN: 'Slack token',
  IncomingWebhook: 'Slack webhook URL',
  BasicAuth: 'URL with a password',
  OPENAI_TOKEN: 'OpenAI API key',
  ANTHROPIC_API_KEY: 'Anthropic API key',
  GROQ_API_KEY: 'Groq API key',
  HUGGINGFACE_USER_ACCESS_TOKEN: 'Hugging Face token',
  LINEAR_API_TOKEN: 'Linear API key',
  NOTION_INTEGRATION_TOKEN: 'Notion token',
  PrivateKey: 'private key',
  SENDGRID_KEY: 'SendGrid API key',
  SHOPIFY_KEY: 'Shopify token',
  GITHUB_TOKEN: 'GitHub token',
  GITLAB_PERSONAL_ACCESS_TOKEN: 'GitLab token',
  GRAFANA_CLOUD_API_TOKEN: 'Grafana token',
  GRAFANA_SERVICE_ACCOUNT_TOKEN: 'Grafana token',
  OPS_TOKEN: '1Password token',
  MongoDBConnection: 'MongoDB connection string with a password',
  MySQLConnection: 'MySQL connection string with a password',
  PostgreSQLConnection: 'PostgreSQL connection string with a password',
  HASHICORP_VAULT_SERVICE_TOKEN: 'Vault token',
  HASHICORP_VAULT_BATCH_TOKEN: 'Vault token',
  HASHICORP_VAULT_RECOVERY_TOKEN: 'Vault token',
  VERCEL_PERSONAL_ACCESS_TOKEN: 'Vercel token',
  VERCEL_INTEGRATION_TOKEN: 'Vercel token',
  VERCEL_APP_ACCESS_TOKEN: 'Vercel token',
  VERCEL_APP_REFRESH_TOKEN: 'Vercel token',
  VERCEL_AI_GATEWAY_API_KEY: 'Vercel API key',
  DATABRICKS_PERSONAL_ACCESS_TOKEN: 'Databricks token',
  DOCKER_PERSONAL_ACCESS_TOKEN: 'Docker Hub token',
  FIGMA_PERSONAL_ACCESS_TOKEN: 'Figma token',
};

interface OwnFormat {
  kind: string;
  pattern: RegExp;
  /** The capture group holding the secret part, checked against placeholders and references. */
  group?: number;
}

const ownFormats: OwnFormat[] = [
  // header.payload.signature, each base64url; the header and payload are JSON objects (`eyJ`).
  { kind: 'JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/g },
  { kind: 'AWS access key ID', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/g },
  { kind: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { kind: 'Stripe key', pattern: /\b(?:sk|rk)_live_[0-9A-Za-z]{20,}\b/g },
  { kind: 'basic-auth header', pattern: /\bBasic\s+([A-Za-z0-9+/]{12,}={0,2})(?![A-Za-z0-9+/=])/g, group: 1 },
  { kind: 'bearer token', pattern: /\bBearer\s+([A-Za-z0-9._~+/-]{20,}=*)/g, group: 1 },
  // scheme://user:password@host for any scheme (secretlint covers http(s), mongodb, mysql, postgres).
  // The user may be empty, as Redis writes it: `redis://:password@host:6379`.
  { kind: 'URL with a password', pattern: /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:/@'"]*:([^\s@/'"]+)@[^\s'"]+/gi, group: 1 },
  // ADO.NET / JDBC / ODBC style: `Server=db;User Id=app;Password=s3cret;`.
  { kind: 'connection string with a password', pattern: /(?:^|[;?&\s])(?:password|pwd|passwd)\s*=\s*([^;&\s'"]+)/gi, group: 1 },
  // Azure storage and Service Bus connection strings carry their key as `AccountKey=` / `SharedAccessKey=`.
  { kind: 'connection string with an account key', pattern: /(?:^|[;?&\s])(?:AccountKey|SharedAccessKey)\s*=\s*([^;&\s'"]+)/g, group: 1 },
];

/** `--password=x`, `--db-password x`, `-password=x`, `--api-key=x`, `--token x` in a command line. */
const flagPattern = /(?:^|\s)(--?[A-Za-z][A-Za-z0-9_.-]*)(?:=|\s+)(?!-)("[^"]*"|'[^']*'|[^\s]+)/g;

/** Known credential formats anywhere in `text`. Placeholders and references are not credentials. */
export function findFormats(text: string): Detection[] {
  const out: Detection[] = [];
  if (text.length < 8) return out;
  for (const hit of runSecretlint(text)) {
    const part = text.slice(hit.start, hit.end);
    if (containsReference(part)) continue;
    out.push({ kind: secretlintKinds[hit.messageId] ?? 'credential', start: hit.start, end: hit.end });
  }
  for (const format of ownFormats) {
    format.pattern.lastIndex = 0;
    for (const match of text.matchAll(format.pattern)) {
      const start = match.index!;
      const end = start + match[0].length;
      const secret = format.group ? match[format.group] : match[0];
      if (!secret || notASecret(secret) || containsReference(secret)) continue;
      if (out.some((d) => d.start < end && start < d.end)) continue;
      out.push({ kind: format.kind, start, end });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Credential-named flags with a value in a command line: `--password=hunter2`, `--token abc`. */
export function findFlags(text: string, extraNames: readonly string[] = []): Detection[] {
  const out: Detection[] = [];
  for (const match of text.matchAll(flagPattern)) {
    const flag = match[1];
    const kind = credentialNameKind(flag.replace(/^-+/, ''), extraNames);
    if (!kind) continue;
    const value = match[2].replace(/^(['"])(.*)\1$/, '$2');
    if (notASecret(value) || containsReference(value)) continue;
    const start = match.index! + match[0].indexOf(flag);
    out.push({ kind, start, end: match.index! + match[0].length, name: flag });
  }
  return out;
}
