import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// semver is what npm itself uses to read `engines` (no type package: only two functions are needed).
const semver = createRequire(import.meta.url)('semver') as {
  satisfies(version: string, range: string, options?: { includePrerelease?: boolean }): boolean;
  minVersion(range: string): { version: string; major: number } | null;
};

const root = path.resolve(import.meta.dirname, '../..');

/** Every installed package (nested node_modules and scopes included): name, where, engines.node. */
function installedPackages(dir: string, found: Array<{ name: string; at: string; node: string | undefined }> = []) {
  if (!fs.existsSync(dir)) return found;
  for (const entry of fs.readdirSync(dir)) {
    if (entry.startsWith('.')) continue;
    const full = path.join(dir, entry);
    if (entry.startsWith('@')) {
      installedPackages(full, found);
      continue;
    }
    const manifest = path.join(full, 'package.json');
    if (!fs.existsSync(manifest)) continue;
    const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string; engines?: { node?: unknown } };
    const node = typeof pkg.engines?.node === 'string' ? pkg.engines.node : undefined;
    found.push({ name: pkg.name ?? entry, at: path.relative(root, full), node });
    installedPackages(path.join(full, 'node_modules'), found);
  }
  return found;
}

describe('the Node version the README promises runs every dependency', () => {
  const engines = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
  const oldest = semver.minVersion(engines)!;

  it('package.json and the README name the same oldest Node, a Node 20', () => {
    expect(oldest.major).toBe(20);
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    expect(readme).toContain(`Node.js ${oldest.version.replace(/\.0$/, '')}+`);
  });

  it('no installed package requires a newer Node (engines.node) than that', () => {
    // The product's install, and the benchmark's peers where `npm run bench` installed them.
    const packages = installedPackages(path.join(root, 'node_modules'));
    installedPackages(path.join(root, 'bench/node_modules'), packages);
    expect(packages.length).toBeGreaterThan(100); // the walk found the install
    const tooNew = packages
      .filter((p) => p.node !== undefined && !semver.satisfies(oldest.version, p.node, { includePrerelease: true }))
      .map((p) => `${p.at} needs node ${p.node}`);
    expect(tooNew).toEqual([]);
  });
});
