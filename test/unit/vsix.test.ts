// The Marketplace package: the VSIX (built with scripts/package.mjs) holds the documentation pages
// that "Show documentation" and the walkthrough open offline, and the icon; its README is the
// user-facing one (no developer quick start); the icon is what scripts/make-icon.mjs draws; the
// walkthrough's steps point at files and commands that exist.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { docFile, rules } from '../../rules';

const root = resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** What scripts/package.mjs and scripts/make-icon.mjs export (plain JavaScript, typed here). */
interface PackageScript {
  packageVsix(options: { quiet: boolean }): string;
  checkVsix(path: string): string[];
  vsixEntries(path: string): string[];
  marketplaceReadme(text: string): string;
}
interface IconScript {
  encodePng(width: number, height: number, rgba: Buffer): Buffer;
  drawIcon(): Buffer;
  size: number;
}
const packaging = (): Promise<PackageScript> => import(join(root, 'scripts', 'package.mjs'));
const icon = (): Promise<IconScript> => import(join(root, 'scripts', 'make-icon.mjs'));

describe('Marketplace page', () => {
  test('the icon is a 128×128 PNG, byte for byte what scripts/make-icon.mjs draws', async () => {
    assert.equal(manifest.icon, 'icon.png');
    const png = readFileSync(join(root, 'icon.png'));
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(png.readUInt32BE(16), 128);
    assert.equal(png.readUInt32BE(20), 128);
    const { encodePng, drawIcon, size } = await icon();
    assert.ok(encodePng(size, size, drawIcon()).equals(png), 'icon.png is stale: run node scripts/make-icon.mjs');
  });

  test('categories, keywords and a gallery banner', () => {
    assert.ok(manifest.categories.includes('Linters'));
    assert.ok(manifest.keywords.length >= 10 && manifest.keywords.length <= 30, 'the Marketplace takes up to 30 keywords');
    for (const word of ['kubernetes', 'security', 'pod security standards']) assert.ok(manifest.keywords.includes(word), word);
    assert.match(manifest.galleryBanner.color, /^#[0-9a-f]{6}$/i);
  });

  test('the walkthrough: open a manifest, harden a workload, pick a level; its media and commands exist', () => {
    const [walkthrough] = manifest.contributes.walkthroughs;
    assert.deepEqual(
      walkthrough.steps.map((s: { id: string }) => s.id),
      ['openManifest', 'hardenWorkload', 'pickLevel'],
    );
    const commands = new Set(manifest.contributes.commands.map((c: { command: string }) => c.command));
    for (const step of walkthrough.steps) {
      assert.ok(existsSync(join(root, step.media.markdown)), step.media.markdown);
      assert.match(step.media.markdown, /^docs\/walkthrough\/[a-z-]+\.md$/);
      assert.ok(step.completionEvents.length > 0, step.id);
      for (const [, id] of step.description.matchAll(/\(command:([\w.]+)/g)) assert.ok(commands.has(id) || id.startsWith('workbench.'), `${step.id}: ${id}`);
    }
  });

  test('the repository README keeps its quick start; the Marketplace README leaves it and the development guide out', async () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)![1];
    assert.match(firstBlock, /^npm ci && npx kube-harden check examples\//m);
    assert.match(firstBlock, /^npm test\b/m);
    assert.ok(existsSync(join(root, 'DEVELOPMENT.md')));
    const { marketplaceReadme } = await packaging();
    const page = marketplaceReadme(readme);
    assert.ok(!/npm ci|npm test|npm run (editor|package|bench|fuzz|docs)|DEVELOPMENT\.md|vsix:skip/.test(page), 'developer text left in the Marketplace README');
    assert.ok(!/```sh\n[^`]*npm/.test(page.slice(0, 2000)), 'the Marketplace page opens with npm commands');
    for (const heading of ['## What it checks', '## In the editor', '### Other editors', '## Configuration and suppression']) assert.ok(page.includes(heading), heading);
    assert.match(page, /docs\/images\/squiggles\.png/);
    assert.equal(marketplaceReadme('a\n<!-- vsix:skip -->\nb\n<!-- /vsix:skip -->\nc\n'), 'a\nc\n');
  });

  test('the VSIX holds the bundles, the icon, every rule page, the guides and the walkthrough, and nothing else', async () => {
    const { packageVsix, checkVsix, vsixEntries } = await packaging();
    const vsix = packageVsix({ quiet: true });
    assert.deepEqual(checkVsix(vsix), []);
    const entries = new Set(vsixEntries(vsix));
    for (const rule of rules) assert.ok(entries.has(`extension/${docFile(rule.id)}`), rule.id);
    for (const file of ['icon.png', 'docs/rules.md', 'docs/yaml-syntax.md', 'docs/walkthrough/open-manifest.md', 'dist/server.js', 'readme.md']) assert.ok(entries.has(`extension/${file}`), file);
    assert.ok(![...entries].some((e) => /\.(ts|map|yaml)$/.test(e) || e.includes('examples/') || e.includes('test/')));
  });
});
