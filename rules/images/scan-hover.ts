// The hover on a container's `image:` value once it was scanned: the counts by severity and the worst
// vulnerabilities, each with the version that fixes it and a link to its advisory.

import { HoverProvider, workloadOf } from '../../server/src/engine';
import { imageOf } from './reference';
import { scanOf } from './scan-facts';
import { countsText, totalOf, Vulnerability } from './scan-summary';

/** Markdown text of a report's value: no link, emphasis or table syntax from a report gets through. */
const plain = (value: string) => value.replace(/[\\`*_[\]()<>|#!]/g, (c) => `\\${c}`);

function line(v: Vulnerability): string {
  const id = /^https:\/\//.test(v.url) ? `[${plain(v.id)}](${encodeURI(v.url)})` : plain(v.id);
  const fix = v.fixed ? `fixed in ${plain(v.fixed)}` : 'no fix yet';
  return `- **${v.severity}** ${id}: ${plain([v.pkg, v.installed].filter(Boolean).join(' '))}, ${fix}`;
}

export const scanHover: HoverProvider = {
  family: 'images',
  hover(ctx, offset) {
    const workload = workloadOf(ctx.resource);
    if (!workload) return undefined;
    for (const c of workload.containers()) {
      const found = imageOf(c);
      const range = found?.node.range;
      if (!found || !range || offset < range[0] || offset > range[1]) continue;
      const scan = scanOf(ctx.workspace, found.image);
      if (!scan) return undefined;
      const day = scan.scannedAt.slice(0, 10);
      const source = `${scan.scanner}${day ? `, ${day}` : ''}${scan.at.file.startsWith('kube-harden-scan:') ? '' : `, ${ctx.link(scan.at)}`}`;
      if (totalOf(scan) === 0) return { markdown: `**Vulnerabilities**\n\nNone known (${source}).`, node: found.node };
      const shown = scan.worst.length < totalOf(scan) ? `the worst ${scan.worst.length}` : 'all';
      const markdown = [`**Vulnerabilities**: ${countsText(scan)} (${source}); ${shown}:`, '', ...scan.worst.map(line)].join('\n');
      return { markdown, node: found.node };
    }
    return undefined;
  },
};
