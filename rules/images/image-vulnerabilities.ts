// Known vulnerabilities of a container's image, as a real scanner found them (Trivy or Grype, run by
// the server or the CLI, or their reports in the workspace): one finding per image, with the counts
// by severity, the scanner and the day of the scan. kube-harden keeps no vulnerability database.

import { defineRule } from '../../server/src/engine';
import { imageOf } from './reference';
import { scanOf, scanReports } from './scan-facts';
import { countsText, totalOf } from './scan-summary';

export default defineRule({
  id: 'image-vulnerabilities',
  meta: {
    title: 'Images should have no known vulnerabilities',
    description: 'A container image that a vulnerability scanner (Trivy or Grype) found vulnerable packages in should be updated; critical and high ones first.',
    category: 'images',
    severity: 'warning',
    equivalents: { kubescape: ['C-0085'] },
    compliance: { nsa: ['images'] },
    kinds: 'workload',
    scope: 'workspace',
    reads: [scanReports],
    fix: 'none',
    messages: {
      vulnerable: 'image "{image}" has {counts} ({source})',
    },
    hint: 'Hover the image for the worst vulnerabilities and the versions that fix them; update the image (or its base image) and scan again.',
  },
  check(ctx) {
    const w = ctx.workload;
    if (!w) return;
    for (const c of w.containers()) {
      const found = imageOf(c);
      if (!found) continue;
      const scan = scanOf(ctx.workspace, found.image);
      if (!scan || totalOf(scan) === 0) continue;
      const day = scan.scannedAt.slice(0, 10);
      ctx.report({
        node: found.node,
        messageId: 'vulnerable',
        data: { image: found.image, counts: `${countsText(scan)} ${totalOf(scan) === 1 ? 'vulnerability' : 'vulnerabilities'}`, source: day ? `${scan.scanner}, ${day}` : scan.scanner },
        // Nothing critical or high: worth knowing, not worth a warning.
        milder: scan.counts.critical === 0 && scan.counts.high === 0,
      });
    }
  },
});
