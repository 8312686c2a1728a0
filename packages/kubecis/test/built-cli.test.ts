// The command as it is published: dist/cli.js, one bundle holding its own copy of @kubecis/core,
// the rule packs and zod. A user's rule pack imports the @kubecis/core it installed, so every
// rule object, snapshot and helper result crosses between two copies of core here. The in-process
// tests (cli.test.ts, cli-integration.test.ts) run src/ and cannot see that.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const built = existsSync(cli);
const scratch = mkdtempSync(join(tmpdir(), 'kubecis-built-cli-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

interface Report {
  readonly diagnostics: unknown[];
  readonly controls: { id: string; status: string; rules: string[]; findings: { ruleId: string; status: string; message: string; path?: string; resource?: { name?: string } }[] }[];
}

function scan(dir: string, args: readonly string[] = []): { code: number | null; report: Report; stderr: string } {
  const result = spawnSync(process.execPath, [cli, 'scan', '.', '--format', 'json', '--fail-on', 'never', ...args], { cwd: dir, encoding: 'utf8' });
  return { code: result.status, report: JSON.parse(result.stdout) as Report, stderr: result.stderr };
}

// A pack written as a user would: its own core's helpers and the snapshot's methods (a derived
// view included), called on a snapshot that the bundle's copy of core built.
const pack = `import { definePack, defineRule, workloadContainers } from '@kubecis/core';
const unpinned = (snapshot) =>
  snapshot.workloads().flatMap((w) => workloadContainers(w).filter((c) => !c.container.image?.includes('@sha256:')).map((c) => ({ w, c })));
export const imagePinned = defineRule({
  id: 'acme/image-pinned',
  meta: {
    title: 'Images are pinned by digest', description: 'd', rationale: 'r', remediation: 'r',
    severity: 'high', type: 'automated', controls: { 'cis-1.10': ['5.7.4'] },
    messages: { unpinned: '{container} of {kind} {name} runs {image}, not pinned by digest' },
  },
  *check(snapshot, context) {
    for (const { w, c } of snapshot.derive(unpinned)) {
      yield context.fail({
        messageId: 'unpinned',
        data: { container: c.container.name, kind: w.kind, name: w.object.metadata.name, image: c.container.image ?? '' },
        resource: w.object,
        path: c.path + '.image',
      });
    }
  },
});
export const pack = definePack({ name: 'acme', rules: [imagePinned] });
`;

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: app
          image: nginx:1.27
          securityContext: { privileged: true }
`;

const describeBuilt = built ? describe : describe.skip;

describeBuilt('the built command, dist/cli.js (`pnpm build` makes it; skipped until it exists)', () => {
  it('runs a user\'s rule pack that imports its own @kubecis/core beside the bundled one', () => {
    const dir = mkdtempSync(join(scratch, 'pack-'));
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    writeFileSync(join(dir, 'kubecis.yaml'), 'packs: [./acme.mjs]\n');
    writeFileSync(join(dir, 'acme.mjs'), pack);
    writeFileSync(join(dir, 'web.yaml'), deployment);
    symlinkSync(fileURLToPath(new URL('../node_modules', import.meta.url)), join(dir, 'node_modules'), 'dir');

    const { code, report, stderr } = scan(dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(report.diagnostics).toEqual([]);
    const pinned = report.controls.find((c) => c.id === '5.7.4')!;
    expect(pinned.rules).toContain('acme/image-pinned');
    expect(pinned.findings.filter((f) => f.ruleId === 'acme/image-pinned')).toEqual([
      expect.objectContaining({
        status: 'FAIL',
        path: 'spec.template.spec.containers[0].image',
        message: 'app of Deployment web runs nginx:1.27, not pinned by digest',
        resource: expect.objectContaining({ name: 'web' }),
      }),
    ]);
    // The bundled packs still run beside it.
    expect(report.controls.find((c) => c.id === '5.2.2')!.status).toBe('FAIL');
  });

  it('scans without a config file (the lazily loaded config parser is not needed)', () => {
    const dir = mkdtempSync(join(scratch, 'plain-'));
    writeFileSync(join(dir, 'web.yaml'), deployment);
    const { code, report } = scan(dir);
    expect(code).toBe(0);
    const fails = report.controls.find((c) => c.id === '5.2.2')!.findings.filter((f) => f.status === 'FAIL');
    expect(fails).toEqual([expect.objectContaining({ ruleId: 'pss/no-privileged', path: 'spec.template.spec.containers[0].securityContext.privileged' })]);
  });

  it('explains invalid objects and config files in English (the bundle keeps only zod\'s English locale)', () => {
    const dir = mkdtempSync(join(scratch, 'invalid-'));
    writeFileSync(join(dir, 'web.yaml'), deployment);
    writeFileSync(join(dir, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: { name: p, namespace: shop }\nspec: { containers: 3 }\n');
    const { code, report } = scan(dir);
    expect(code).toBe(0);
    expect(report.diagnostics).toEqual([expect.objectContaining({ severity: 'error', message: 'Skipped Pod "p": spec.containers: expected array, got number' })]);

    writeFileSync(join(dir, 'kubecis.yaml'), 'failOn: sometimes\n');
    const bad = spawnSync(process.execPath, [cli, 'scan', '.'], { cwd: dir, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('kubecis.yaml:1: failOn: expected one of "fail", "warn", "never", got the string "sometimes"');
  });
});
