// Properties of the engine (fast-check): pod-level vs container-level precedence exactly as
// upstream has it, level and version relations, monotonicity, and the shared helpers' guarantees.
import fc from 'fast-check';
import { test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { hasPath } from '@kubecis/core';
import { cloneJson, deepFreeze } from '@kubecis/testkit';
import { wrapIn, workloadKinds } from '../../test/pods.js';
import { evaluatePodSecurity } from './evaluate.js';
import { newestPolicyMinor } from './registry.js';
import type { PodSecurityCheckId, PodSecurityLevel, PodSecurityVersion } from './types.js';

type Json = Record<string, unknown>;

const opt = <T extends Json>(record: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<Partial<T>> =>
  fc.record(record, { requiredKeys: [] }) as fc.Arbitrary<Partial<T>>;

// Values biased towards the boundaries of each check.
const seccomp = fc.constantFrom({ type: 'RuntimeDefault' }, { type: 'Localhost', localhostProfile: 'p.json' }, { type: 'Unconfined' }, { type: '' }, {});
const appArmor = fc.constantFrom({ type: 'RuntimeDefault' }, { type: 'Localhost', localhostProfile: 'p' }, { type: 'Unconfined' }, {});
const seLinux = fc.constantFrom({ type: 'container_t' }, { type: 'container_engine_t' }, { type: 'spc_t' }, { user: 'u' }, { role: 'r' }, { level: 's0' }, {});
const capability = fc.constantFrom('NET_BIND_SERVICE', 'CHOWN', 'NET_RAW', 'SYS_ADMIN', 'ALL', 'all');
const host = fc.constantFrom('', 'localhost', '10.0.0.1');
const handler = opt({ httpGet: opt({ host, port: fc.constant(80) }), tcpSocket: opt({ host, port: fc.constant(81) }) });

const containerSecurityContext = opt({
  privileged: fc.boolean(),
  allowPrivilegeEscalation: fc.boolean(),
  runAsNonRoot: fc.boolean(),
  runAsUser: fc.constantFrom(0, 1000),
  procMount: fc.constantFrom('Default', 'Unmasked'),
  capabilities: opt({ add: fc.array(capability, { maxLength: 2 }), drop: fc.array(capability, { maxLength: 2 }) }),
  seccompProfile: seccomp,
  appArmorProfile: appArmor,
  seLinuxOptions: seLinux,
  windowsOptions: opt({ hostProcess: fc.boolean() }),
});

const containerArb = (name: string): fc.Arbitrary<Json> =>
  opt({
    securityContext: containerSecurityContext,
    ports: fc.array(opt({ containerPort: fc.constant(80), hostPort: fc.constantFrom(0, 80, 8080) }), { maxLength: 2 }),
    livenessProbe: handler,
    lifecycle: opt({ preStop: handler }),
  }).map((rest) => ({ name, image: 'img', ...rest }));

const volume = fc.constantFrom<Json>({ name: 'none' }, { name: 'e', emptyDir: {} }, { name: 's', secret: { secretName: 's' } }, { name: 'h', hostPath: { path: '/' } }, { name: 'n', nfs: { server: 'x', path: '/' } });
const sysctl = fc.constantFrom('kernel.shm_rmid_forced', 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_notsent_lowat', 'net.core.somaxconn');

const podSecurityContext = opt({
  runAsNonRoot: fc.boolean(),
  runAsUser: fc.constantFrom(0, 1000),
  seccompProfile: seccomp,
  appArmorProfile: appArmor,
  seLinuxOptions: seLinux,
  sysctls: fc.array(sysctl.map((name) => ({ name, value: '1' })), { maxLength: 2 }),
  windowsOptions: opt({ hostProcess: fc.boolean() }),
});

const annotations = opt({
  'seccomp.security.alpha.kubernetes.io/pod': fc.constantFrom('runtime/default', 'unconfined'),
  'container.apparmor.security.beta.kubernetes.io/c0': fc.constantFrom('runtime/default', 'unconfined', 'localhost/x'),
});

/** A Pod with any mix of the fields Pod Security reads. */
const podArb = (os: fc.Arbitrary<string | undefined> = fc.constantFrom(undefined, 'linux', 'windows')): fc.Arbitrary<Json> =>
  fc
    .tuple(
      fc.array(fc.constant(null), { minLength: 1, maxLength: 3 }).chain((xs) => fc.tuple(...xs.map((_, i) => containerArb(`c${String(i)}`)))),
      fc.array(containerArb('i0'), { maxLength: 1 }),
      fc.array(containerArb('e0'), { maxLength: 1 }),
      opt({ hostNetwork: fc.boolean(), hostPID: fc.boolean(), hostIPC: fc.boolean(), hostUsers: fc.boolean(), securityContext: podSecurityContext }),
      fc.array(volume, { maxLength: 2 }),
      os,
      annotations,
    )
    .map(([containers, initContainers, ephemeralContainers, spec, volumes, osName, ann]) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', annotations: ann },
      spec: {
        containers,
        ...(initContainers.length > 0 ? { initContainers } : {}),
        ...(ephemeralContainers.length > 0 ? { ephemeralContainers } : {}),
        ...(volumes.length > 0 ? { volumes } : {}),
        ...(osName === undefined ? {} : { os: { name: osName } }),
        ...spec,
      },
    }));

type Edit = (spec: Json, container: Json, sc: Json) => void;
const edits: readonly Edit[] = [
  (spec) => (spec['hostNetwork'] = true),
  (spec) => (spec['hostUsers'] = false),
  (spec) => (spec['os'] = { name: 'windows' }),
  (spec) => (spec['os'] = { name: 'linux' }),
  (spec) => delete (spec['securityContext'] as Json)['runAsNonRoot'],
  (spec) => delete (spec['securityContext'] as Json)['seccompProfile'],
  (spec) => ((spec['securityContext'] as Json)['seccompProfile'] = { type: 'Unconfined' }),
  (spec) => ((spec['securityContext'] as Json)['runAsUser'] = 0),
  (spec) => ((spec['securityContext'] as Json)['sysctls'] = [{ name: 'net.ipv4.tcp_rmem', value: '1' }]),
  (spec) => (spec['volumes'] = [{ name: 'v' }, { name: 'n', nfs: { server: 's', path: '/' } }]),
  (_spec, _c, sc) => (sc['privileged'] = true),
  (_spec, _c, sc) => (sc['allowPrivilegeEscalation'] = true),
  (_spec, _c, sc) => delete sc['allowPrivilegeEscalation'],
  (_spec, _c, sc) => (sc['capabilities'] = { drop: ['ALL'], add: ['NET_BIND_SERVICE'] }),
  (_spec, _c, sc) => (sc['capabilities'] = { drop: ['ALL'], add: ['CHOWN'] }),
  (_spec, _c, sc) => (sc['capabilities'] = { drop: ['ALL'], add: ['NET_RAW'] }),
  (_spec, _c, sc) => delete sc['capabilities'],
  (_spec, _c, sc) => (sc['runAsNonRoot'] = false),
  (_spec, _c, sc) => (sc['runAsUser'] = 0),
  (_spec, _c, sc) => (sc['seccompProfile'] = { type: 'Unconfined' }),
  (_spec, _c, sc) => (sc['procMount'] = 'Unmasked'),
  (_spec, _c, sc) => (sc['appArmorProfile'] = { type: 'Unconfined' }),
  (_spec, _c, sc) => (sc['seLinuxOptions'] = { type: 'container_engine_t' }),
  (_spec, _c, sc) => (sc['windowsOptions'] = { hostProcess: true }),
  (_spec, c) => (c['readinessProbe'] = { httpGet: { host: 'localhost', port: 80 } }),
  (_spec, c) => (c['ports'] = [{ containerPort: 80, hostPort: 80 }]),
];

/** A restricted-compliant pod with up to three edits: many of these are allowed somewhere, which keeps the implications non-vacuous. */
const nearCompliantPodArb = (allowWindows: boolean): fc.Arbitrary<Json> =>
  fc.array(fc.tuple(fc.integer({ min: 0, max: edits.length - 1 }), fc.integer({ min: 0, max: 2 })), { maxLength: 3 }).map((picks) => {
    const containers = ['i0', 'c0', 'e0'].map((name) => ({ name, image: 'img', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }));
    const spec: Json = {
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      initContainers: [containers[0]],
      containers: [containers[1]],
      ephemeralContainers: [containers[2]],
    };
    for (const [edit, target] of picks) {
      if (!allowWindows && edit === 2) continue;
      const c = containers[target]!;
      edits[edit]!(spec, c, c.securityContext);
    }
    return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec };
  });

/** Random pods and near-compliant ones, half and half. */
const anyPod = (allowWindows = true): fc.Arbitrary<Json> =>
  fc.oneof(podArb(allowWindows ? undefined : fc.constantFrom(undefined, 'linux')), nearCompliantPodArb(allowWindows));

const minor = fc.integer({ min: 0, max: newestPolicyMinor });
const version = fc.oneof(
  minor.map((m) => `v1.${String(m)}`),
  fc.constantFrom('latest', 'v1.38', 'v1.50'),
) as fc.Arbitrary<PodSecurityVersion>;
const level = fc.constantFrom<PodSecurityLevel>('privileged', 'baseline', 'restricted');

const fails = (pod: unknown, check: PodSecurityCheckId, lv: PodSecurityLevel = 'restricted', ver: PodSecurityVersion = 'latest'): boolean =>
  evaluatePodSecurity(pod, { level: lv, version: ver }).violations.some((v) => v.check === check);

/** A pod whose pod-level field and per-container fields are chosen independently; every other field is compliant. */
function precedencePod(podField: string, podValue: unknown, containerValues: readonly unknown[]): Json {
  const sc = (value: unknown, base: Json): Json => (value === undefined ? base : { ...base, [podField]: value });
  const hardened = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: {
      securityContext: sc(podValue, {}),
      containers: containerValues.map((value, i) => ({ name: `c${String(i)}`, securityContext: sc(value, hardened) })),
    },
  };
}

const unsetOr = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined, freq: 3 });

describe('pod-level vs container-level precedence, exactly as upstream', () => {
  const goodSeccomp = (v: unknown): boolean => typeof v === 'object' && v !== null && ['RuntimeDefault', 'Localhost'].includes((v as Json)['type'] as string);

  test.prop([unsetOr(fc.boolean()), fc.array(unsetOr(fc.boolean()), { minLength: 1, maxLength: 4 })])(
    'runAsNonRoot: an unset container value is filled in by the pod; explicit false anywhere fails',
    (podValue, containerValues) => {
      const expected = podValue === false || containerValues.some((v) => v === false) || containerValues.some((v) => v === undefined && podValue !== true);
      expect(fails(precedencePod('runAsNonRoot', podValue, containerValues), 'runAsNonRoot')).toBe(expected);
    },
  );

  test.prop([unsetOr(seccomp), fc.array(unsetOr(seccomp), { minLength: 1, maxLength: 4 })])(
    'seccompProfile (restricted): an unset container profile is filled in by a valid pod profile; any explicit bad type fails',
    (podValue, containerValues) => {
      const expected =
        (podValue !== undefined && !goodSeccomp(podValue)) ||
        containerValues.some((v) => v !== undefined && !goodSeccomp(v)) ||
        containerValues.some((v) => v === undefined && !goodSeccomp(podValue));
      expect(fails(precedencePod('seccompProfile', podValue, containerValues), 'seccompProfile_restricted')).toBe(expected);
    },
  );

  test.prop([unsetOr(fc.constantFrom(0, 1, 1000)), fc.array(unsetOr(fc.constantFrom(0, 1, 1000)), { minLength: 1, maxLength: 4 })])(
    'runAsUser: an explicit 0 at pod level or on any container fails, whatever overrides it',
    (podValue, containerValues) => {
      const expected = podValue === 0 || containerValues.includes(0);
      expect(fails(precedencePod('runAsUser', podValue, containerValues), 'runAsUser')).toBe(expected);
    },
  );

  const independent: [string, PodSecurityCheckId, fc.Arbitrary<unknown>, (v: unknown) => boolean][] = [
    ['appArmorProfile', 'appArmorProfile', appArmor, (v) => ['RuntimeDefault', 'Localhost'].includes((v as Json)['type'] as string)],
    ['seLinuxOptions', 'seLinuxOptions', seLinux, (v) => ['container_t', 'container_engine_t', undefined].includes((v as Json)['type'] as string) && !('user' in (v as Json)) && !('role' in (v as Json))],
    ['windowsOptions', 'windowsHostProcess', opt({ hostProcess: fc.boolean() }), (v) => (v as Json)['hostProcess'] !== true],
    ['seccompProfile', 'seccompProfile_baseline', seccomp, goodSeccomp],
  ];
  for (const [fieldName, check, arb, good] of independent) {
    test.prop([unsetOr(arb), fc.array(unsetOr(arb), { minLength: 1, maxLength: 4 })])(
      `${check}: pod and containers are checked independently (no inheritance)`,
      (podValue, containerValues) => {
        const expected = (podValue !== undefined && !good(podValue)) || containerValues.some((v) => v !== undefined && !good(v));
        expect(fails(precedencePod(fieldName, podValue, containerValues), check, 'baseline')).toBe(expected);
      },
    );
  }

  const unsafePod: [string, PodSecurityCheckId, unknown, unknown, PodSecurityLevel][] = [
    ['runAsNonRoot', 'runAsNonRoot', false, true, 'restricted'],
    ['runAsUser', 'runAsUser', 0, 1000, 'restricted'],
    ['seccompProfile', 'seccompProfile_restricted', { type: 'Unconfined' }, { type: 'RuntimeDefault' }, 'restricted'],
    ['appArmorProfile', 'appArmorProfile', { type: 'Unconfined' }, { type: 'RuntimeDefault' }, 'baseline'],
    ['seLinuxOptions', 'seLinuxOptions', { type: 'spc_t' }, { type: 'container_t' }, 'baseline'],
    ['windowsOptions', 'windowsHostProcess', { hostProcess: true }, { hostProcess: false }, 'baseline'],
  ];
  test.prop([fc.constantFrom(...unsafePod), fc.integer({ min: 1, max: 4 }), fc.constantFrom<PodSecurityVersion>('latest', 'v1.35', 'v1.25')])(
    'an explicitly unsafe pod-level value is rejected even when every container overrides it with a safe one',
    ([fieldName, check, unsafe, safe, lv], count, ver) => {
      const pod = precedencePod(fieldName, unsafe, Array.from({ length: count }, () => safe));
      expect(fails(pod, check, lv, ver)).toBe(true);
      expect(evaluatePodSecurity(pod, { level: lv, version: ver }).allowed).toBe(false);
    },
  );

  const fallbacks: [string, PodSecurityCheckId, fc.Arbitrary<unknown>][] = [
    ['runAsNonRoot', 'runAsNonRoot', fc.boolean()],
    ['seccompProfile', 'seccompProfile_restricted', seccomp],
  ];
  for (const [fieldName, check, arb] of fallbacks) {
    test.prop([unsetOr(arb), fc.array(unsetOr(arb), { minLength: 1, maxLength: 3 }), fc.nat()])(
      `${fieldName}: removing a container setting falls back to the pod value`,
      (podValue, containerValues, pick) => {
        const i = pick % containerValues.length;
        const removed = containerValues.map((v, j) => (j === i ? undefined : v));
        // The container then behaves as if it carried the pod's value, or is uncovered when the pod has none.
        const inherited = containerValues.map((v, j) => (j === i ? podValue : v));
        const viaRemoval = fails(precedencePod(fieldName, podValue, removed), check);
        if (podValue === undefined) expect(viaRemoval).toBe(true);
        else expect(viaRemoval).toBe(fails(precedencePod(fieldName, podValue, inherited), check));
      },
    );
  }
});

describe('levels and versions', () => {
  it('the pod generator is not vacuous: it yields pods restricted allows, baseline allows, and neither', () => {
    const pods = fc.sample(anyPod(false), { numRuns: 400, seed: 42 });
    const restricted = pods.filter((p) => evaluatePodSecurity(p, { level: 'restricted', version: 'latest' }).allowed).length;
    const baseline = pods.filter((p) => evaluatePodSecurity(p, { level: 'baseline', version: 'latest' }).allowed).length;
    expect(restricted).toBeGreaterThan(40);
    expect(baseline).toBeGreaterThan(restricted);
    expect(baseline).toBeLessThan(pods.length);
  });

  test.prop([anyPod(false), version])('restricted allowed implies baseline allowed (pods that are not Windows)', (pod, ver) => {
    if (evaluatePodSecurity(pod, { level: 'restricted', version: ver }).allowed) {
      expect(evaluatePodSecurity(pod, { level: 'baseline', version: ver }).allowed).toBe(true);
    }
  });

  test.prop([anyPod(), version])('baseline allowed implies privileged allowed; privileged allows everything', (pod, ver) => {
    expect(evaluatePodSecurity(pod, { level: 'privileged', version: ver })).toEqual({ allowed: true, violations: [] });
  });

  test.prop([anyPod(), level, fc.integer({ min: newestPolicyMinor, max: 200 })])('latest ≡ the newest numbered version ≡ any newer version', (pod, lv, newer) => {
    const latest = evaluatePodSecurity(pod, { level: lv, version: 'latest' });
    expect(evaluatePodSecurity(pod, { level: lv, version: `v1.${String(newestPolicyMinor)}` })).toEqual(latest);
    expect(evaluatePodSecurity(pod, { level: lv, version: `v1.${String(newer)}` })).toEqual(latest);
  });

  test.prop([anyPod(), level, version, fc.constantFrom(...workloadKinds)])('a workload gets the same verdict and checks as its pod', (pod, lv, ver, kind) => {
    const strip = (r: ReturnType<typeof evaluatePodSecurity>) => ({ allowed: r.allowed, violations: r.violations.map((v) => [v.check, v.reason, v.detail]) });
    expect(strip(evaluatePodSecurity(wrapIn(kind, pod), { level: lv, version: ver }))).toEqual(strip(evaluatePodSecurity(pod, { level: lv, version: ver })));
  });
});

describe('monotonicity', () => {
  const addCapability = (pod: Json, cap: string, index: number): Json => {
    const copy = cloneJson(pod);
    const containers = (copy['spec'] as { containers: Json[] }).containers;
    const c = containers[index % containers.length]!;
    const sc = (c['securityContext'] ?? {}) as Json;
    const caps = (sc['capabilities'] ?? {}) as Json;
    c['securityContext'] = { ...sc, capabilities: { ...caps, add: [...((caps['add'] as string[] | undefined) ?? []), cap] } };
    return copy;
  };
  const addHostPath = (pod: Json): Json => {
    const copy = cloneJson(pod);
    const spec = copy['spec'] as Json;
    spec['volumes'] = [...((spec['volumes'] as Json[] | undefined) ?? []), { name: 'added-host', hostPath: { path: '/var/run' } }];
    return copy;
  };

  test.prop([anyPod(), level, version, fc.constantFrom('NET_RAW', 'SYS_ADMIN', 'CHOWN', 'ALL', 'net_raw'), fc.nat()])(
    'adding a forbidden capability never turns a rejection into an allowance',
    (pod, lv, ver, cap, index) => {
      if (!evaluatePodSecurity(pod, { level: lv, version: ver }).allowed) {
        expect(evaluatePodSecurity(addCapability(pod, cap, index), { level: lv, version: ver }).allowed).toBe(false);
      }
    },
  );

  test.prop([anyPod(), level, version])('adding a hostPath volume never turns a rejection into an allowance, and is rejected from baseline up', (pod, lv, ver) => {
    const after = evaluatePodSecurity(addHostPath(pod), { level: lv, version: ver });
    if (!evaluatePodSecurity(pod, { level: lv, version: ver }).allowed) expect(after.allowed).toBe(false);
    if (lv !== 'privileged') expect(after.allowed).toBe(false);
  });

  test.prop([anyPod(false), fc.constantFrom<PodSecurityLevel>('baseline', 'restricted'), version, fc.constantFrom('NET_RAW', 'SYS_ADMIN'), fc.nat()])(
    'a non-default capability is rejected from baseline up on Linux pods',
    (pod, lv, ver, cap, index) => {
      expect(evaluatePodSecurity(addCapability(pod, cap, index), { level: lv, version: ver }).allowed).toBe(false);
    },
  );
});

describe('shared guarantees', () => {
  test.prop([fc.jsonValue({ maxDepth: 6 }), level, fc.oneof(version, fc.string({ maxLength: 6 }))])('never throws on arbitrary JSON', (input, lv, ver) => {
    const result = evaluatePodSecurity(input, { level: lv, version: ver });
    expect(result.allowed).toBe(result.violations.length === 0);
  });

  const junk = fc.oneof(fc.constant(null), fc.string({ maxLength: 3 }), fc.integer(), fc.boolean(), fc.constant([]), fc.constant({}));
  test.prop([anyPod(), fc.array(fc.tuple(fc.nat(), junk), { minLength: 1, maxLength: 4 }), level, version])(
    'never throws on pods with fields swapped for values of another type',
    (pod, edits, lv, ver) => {
      const copy = cloneJson(pod);
      for (const [pick, value] of edits) {
        const slots: [Json | unknown[], string | number][] = [];
        const stack: unknown[] = [copy];
        while (stack.length > 0) {
          const current = stack.pop();
          if (current === null || typeof current !== 'object') continue;
          for (const [key, child] of Object.entries(current)) {
            slots.push([current as Json, Array.isArray(current) ? Number(key) : key]);
            stack.push(child);
          }
        }
        const slot = slots[pick % slots.length];
        if (slot) (slot[0] as Record<string | number, unknown>)[slot[1]] = value;
      }
      const result = evaluatePodSecurity(copy, { level: lv, version: ver });
      expect(result.allowed).toBe(result.violations.length === 0);
    },
  );

  test.prop([anyPod(), level, version, fc.constantFrom(...workloadKinds)])('deterministic, and the input is untouched (deep-frozen)', (pod, lv, ver, kind) => {
    const input = wrapIn(kind, pod);
    const before = JSON.stringify(input);
    const frozen = deepFreeze(cloneJson(input));
    const first = evaluatePodSecurity(frozen, { level: lv, version: ver });
    const second = evaluatePodSecurity(frozen, { level: lv, version: ver });
    expect(second).toEqual(first);
    expect(evaluatePodSecurity(input, { level: lv, version: ver })).toEqual(first);
    expect(JSON.stringify(input)).toBe(before);
    expect(JSON.stringify(frozen)).toBe(before);
  });

  test.prop([anyPod(), fc.constantFrom<PodSecurityLevel>('baseline', 'restricted'), version, fc.constantFrom(...workloadKinds)])(
    'every violation has a reason, a detail and paths that exist in the object',
    (pod, lv, ver, kind) => {
      const input = wrapIn(kind, pod);
      for (const v of evaluatePodSecurity(input, { level: lv, version: ver }).violations) {
        expect(v.reason).not.toBe('');
        expect(v.detail).not.toBe('');
        expect(v.paths.length).toBeGreaterThan(0);
        for (const path of v.paths) expect(hasPath(input, path), path).toBe(true);
      }
    },
  );
});
