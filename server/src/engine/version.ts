// Kubernetes versions as Pod Security Admission reads them: only the minor version matters,
// and `latest` means the newest version this release of kube-harden knows.

export const latestMinor = 37;
export const defaultVersion = '1.37';

/** The minor version of `1.29`, `v1.29`, `v1.29.3` or `latest`; undefined when unreadable. */
export function parseMinor(version: string | undefined | null): number | undefined {
  if (version == null) return undefined;
  const text = String(version).trim();
  if (text === 'latest') return latestMinor;
  const match = /^v?1\.(\d+)(?:\.\d+)?$/.exec(text);
  if (!match) return undefined;
  return Math.min(Number(match[1]), latestMinor);
}
