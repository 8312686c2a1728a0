// Unit tests of the engine. They pin what the conformance fixtures cannot see (pss.md §5.1 and the
// fixtures README, "What these fixtures do not test"), plus messages, paths and input shapes.
import { describe, expect, it } from 'vitest';
import { createSnapshot } from '@kubecis/core';
import { hardenedContainer, plainPod, restrictedPod, specPrefix, workloadKinds, wrapIn } from '../../test/pods.js';
import { evaluatePodSecurity, formatPodSecurityViolations } from './evaluate.js';
import { newestPolicyMinor } from './registry.js';
import type { PodSecurityLevel, PodSecurityVersion } from './types.js';

type Json = Record<string, unknown>;
const at = (level: PodSecurityLevel, version: string) => ({ level, version: version as PodSecurityVersion });
const checksOf = (pod: unknown, level: PodSecurityLevel, version: string): string[] =>
  evaluatePodSecurity(pod, at(level, version)).violations.map((v) => v.check);
const allowed = (pod: unknown, level: PodSecurityLevel, version: string): boolean => evaluatePodSecurity(pod, at(level, version)).allowed;
const v = (minor: number): string => `v1.${String(minor)}`;
const allMinors = Array.from({ length: newestPolicyMinor + 1 }, (_, i) => i);

describe('versions: latest and versions above the newest', () => {
  it('the newest policy version is v1.37', () => {
    expect(newestPolicyMinor).toBe(37);
  });

  const newSysctl = plainPod({ securityContext: { sysctls: [{ name: 'net.ipv4.tcp_slow_start_after_idle', value: '1' }] } });

  it('latest evaluates as v1.37, not as an older version', () => {
    expect(allowed(newSysctl, 'baseline', 'latest')).toBe(true);
    expect(allowed(newSysctl, 'baseline', 'v1.37')).toBe(true);
    expect(allowed(newSysctl, 'baseline', 'v1.36')).toBe(false);
  });

  it.each(['v1.38', 'v1.40', 'v1.99', 'v1.12345'])('%s is clamped to v1.37', (version) => {
    expect(allowed(newSysctl, 'baseline', version)).toBe(true);
    const probes = restrictedPod({ containers: [hardenedContainer('app', { livenessProbe: { httpGet: { host: 'example.com', port: 80 } } })] });
    expect(evaluatePodSecurity(probes, at('restricted', version))).toEqual(evaluatePodSecurity(probes, at('restricted', 'v1.37')));
  });

  it.each(['v1.05', '1.25', 'v1', 'v2.0', 'V1.25', '', 'v1.-1', 'v1.2.3', 'latest ', 'Latest'])('malformed version %j evaluates as latest', (version) => {
    expect(allowed(newSysctl, 'baseline', version)).toBe(true);
    expect(evaluatePodSecurity(restrictedPod({ hostUsers: false, securityContext: { runAsNonRoot: false } }), at('restricted', version)).allowed).toBe(true);
  });

  it('an unknown level fails closed (restricted); privileged allows everything', () => {
    const pod = plainPod();
    expect(evaluatePodSecurity(pod, { level: 'Baseline' as PodSecurityLevel, version: 'latest' }).violations.map((x) => x.check)).toContain('runAsNonRoot');
    expect(evaluatePodSecurity(pod, undefined as never).allowed).toBe(false);
    const worst = plainPod({ hostPID: true, hostNetwork: true, containers: [{ name: 'c', securityContext: { privileged: true } }] });
    for (const minor of allMinors) expect(evaluatePodSecurity(worst, at('privileged', v(minor)))).toEqual({ allowed: true, violations: [] });
  });
});

describe('ephemeral containers count in every container check', () => {
  const withEphemeral = (container: Json, spec: Json = {}): Json =>
    restrictedPod({ ...spec, ephemeralContainers: [{ ...hardenedContainer('debug'), ...container }] });
  const cases: [string, Json, string, string, string?][] = [
    ['privileged', { securityContext: { privileged: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }, 'privileged', 'securityContext.privileged'],
    ['capabilities_baseline', { securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['SYS_ADMIN'] } } }, 'capabilities_baseline', 'securityContext.capabilities.add[0]', 'v1.21'],
    ['hostPorts', { ports: [{ containerPort: 80, hostPort: 80 }] }, 'hostPorts', 'ports[0].hostPort'],
    ['hostProbesAndHostLifecycle', { lifecycle: { preStop: { tcpSocket: { host: 'h', port: 1 } } } }, 'hostProbesAndHostLifecycle', 'lifecycle.preStop.tcpSocket.host'],
    ['appArmorProfile', { securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, appArmorProfile: { type: 'Unconfined' } } }, 'appArmorProfile', 'securityContext.appArmorProfile.type'],
    ['seLinuxOptions', { securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seLinuxOptions: { user: 'root' } } }, 'seLinuxOptions', 'securityContext.seLinuxOptions.user'],
    ['procMount', { securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, procMount: 'Unmasked' } }, 'procMount', 'securityContext.procMount', 'v1.34'],
    ['procMount_restricted', { securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, procMount: 'Unmasked' } }, 'procMount_restricted', 'securityContext.procMount'],
    ['windowsHostProcess', { securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, windowsOptions: { hostProcess: true } } }, 'windowsHostProcess', 'securityContext.windowsOptions.hostProcess'],
    ['allowPrivilegeEscalation', { securityContext: { capabilities: { drop: ['ALL'] } } }, 'allowPrivilegeEscalation', 'securityContext'],
    ['capabilities_restricted', { securityContext: { allowPrivilegeEscalation: false } }, 'capabilities_restricted', 'securityContext'],
    ['runAsNonRoot', { securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: false } }, 'runAsNonRoot', 'securityContext.runAsNonRoot'],
    ['runAsUser', { securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsUser: 0 } }, 'runAsUser', 'securityContext.runAsUser'],
    ['seccompProfile_restricted', { securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'Unconfined' } } }, 'seccompProfile_restricted', 'securityContext.seccompProfile.type'],
  ];
  it.each(cases)('%s', (_name, container, check, path, version = 'latest') => {
    const result = evaluatePodSecurity(withEphemeral(container), at('restricted', version));
    expect(result.allowed).toBe(false);
    const violation = result.violations.find((x) => x.check === check);
    expect(violation?.detail).toContain('"debug"');
    expect(violation?.paths).toContain(`spec.ephemeralContainers[0].${path}`);
  });

  it('ephemeral container without any securityContext fails restricted (kubectl debug)', () => {
    const pod = restrictedPod({ ephemeralContainers: [{ name: 'debugger', image: 'busybox', targetContainerName: 'app' }] });
    expect(checksOf(pod, 'restricted', 'latest')).toEqual(['allowPrivilegeEscalation', 'capabilities_restricted']);
    expect(allowed(pod, 'baseline', 'latest')).toBe(true);
  });

  it('seccomp annotations of an ephemeral container count before v1.19', () => {
    const pod = plainPod({ ephemeralContainers: [{ name: 'debug' }] }, { annotations: { 'container.seccomp.security.alpha.kubernetes.io/debug': 'unconfined' } });
    expect(checksOf(pod, 'baseline', 'v1.18')).toEqual(['seccompProfile_baseline']);
    // An annotation for a container that does not exist is ignored.
    const ghost = plainPod({}, { annotations: { 'container.seccomp.security.alpha.kubernetes.io/ghost': 'unconfined' } });
    expect(allowed(ghost, 'baseline', 'v1.18')).toBe(true);
  });
});

describe('restricted overrides baseline checks (pss.md §1.3)', () => {
  it('restrictedVolumes replaces hostPathVolumes at every version', () => {
    const pod = restrictedPod({ volumes: [{ name: 'h', hostPath: { path: '/' } }] });
    for (const minor of allMinors) {
      expect(checksOf(pod, 'restricted', v(minor))).toEqual(['restrictedVolumes']);
      expect(checksOf(plainPod({ volumes: [{ name: 'h', hostPath: { path: '/' } }] }), 'baseline', v(minor))).toEqual(['hostPathVolumes']);
    }
  });

  it('capabilities_restricted replaces capabilities_baseline from v1.22, not before', () => {
    const netRaw = restrictedPod({ containers: [hardenedContainer('app', { securityContext: { capabilities: { drop: ['ALL'], add: ['NET_RAW'] } } })] });
    expect(checksOf(netRaw, 'restricted', 'v1.21')).toEqual(['capabilities_baseline']);
    expect(checksOf(netRaw, 'restricted', 'v1.22')).toEqual(['capabilities_restricted']);
    // A default capability passes the baseline allow-list but not restricted's NET_BIND_SERVICE-only list.
    const chown = restrictedPod({ containers: [hardenedContainer('app', { securityContext: { capabilities: { drop: ['ALL'], add: ['CHOWN'] } } })] });
    expect(allowed(chown, 'restricted', 'v1.21')).toBe(true);
    expect(checksOf(chown, 'restricted', 'v1.22')).toEqual(['capabilities_restricted']);
    // Before v1.22 restricted does not require drop ALL.
    expect(allowed(restrictedPod({ containers: [{ name: 'app', securityContext: { allowPrivilegeEscalation: false } }], initContainers: [] }), 'restricted', 'v1.21')).toBe(true);
  });

  it('seccompProfile_restricted replaces seccompProfile_baseline from v1.19; before, restricted reads only annotations', () => {
    const annotated = restrictedPod({ securityContext: { seccompProfile: null } }, { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' } });
    expect(checksOf(annotated, 'restricted', 'v1.18')).toEqual(['seccompProfile_baseline']);
    expect(checksOf(annotated, 'restricted', 'v1.19')).toEqual(['seccompProfile_restricted']);
    // Before v1.19 restricted does not require any seccomp profile, and ignores the fields.
    const unconfinedField = restrictedPod({ securityContext: { seccompProfile: { type: 'Unconfined' } } });
    expect(allowed(unconfinedField, 'restricted', 'v1.18')).toBe(true);
    expect(checksOf(unconfinedField, 'restricted', 'v1.19')).toEqual(['seccompProfile_restricted']);
  });

  it('procMount_restricted replaces procMount from v1.35 and keeps rejecting user-namespace pods', () => {
    const unmasked = (hostUsers: boolean | undefined): Json =>
      restrictedPod({ ...(hostUsers === undefined ? {} : { hostUsers }), containers: [hardenedContainer('app', { securityContext: { procMount: 'Unmasked' } })] });
    expect(checksOf(unmasked(false), 'restricted', 'v1.34')).toEqual(['procMount']);
    expect(checksOf(unmasked(false), 'restricted', 'v1.35')).toEqual(['procMount_restricted']);
    expect(checksOf(unmasked(undefined), 'restricted', 'latest')).toEqual(['procMount_restricted']);
    expect(formatPodSecurityViolations(evaluatePodSecurity(unmasked(false), at('restricted', 'latest')))).toBe(
      'procMount (container "app" must not set securityContext.procMount to "Unmasked")',
    );
  });

  it('Windows pods: restricted v1.25+ admits what baseline rejects (restricted is not always stricter)', () => {
    const windows = (sc: Json): Json =>
      restrictedPod({ os: { name: 'windows' }, securityContext: { seccompProfile: null }, initContainers: [], containers: [{ name: 'app', securityContext: sc }] });
    const netRaw = windows({ capabilities: { add: ['NET_RAW'] } });
    const unconfined = windows({ seccompProfile: { type: 'Unconfined' } });
    for (const pod of [netRaw, unconfined]) {
      expect(allowed(pod, 'restricted', 'v1.25')).toBe(true);
      expect(allowed(pod, 'restricted', 'latest')).toBe(true);
      expect(allowed(pod, 'baseline', 'v1.25')).toBe(false);
      expect(allowed(pod, 'baseline', 'latest')).toBe(false);
      expect(allowed(pod, 'restricted', 'v1.24')).toBe(false);
    }
  });
});

describe('Windows exemptions', () => {
  const bare = (osName: unknown): Json =>
    restrictedPod({ os: { name: osName }, securityContext: { seccompProfile: null }, initContainers: [], containers: [{ name: 'app' }] });

  it('exempt from allowPrivilegeEscalation, seccomp and capabilities from v1.25 only', () => {
    expect(allowed(bare('windows'), 'restricted', 'v1.25')).toBe(true);
    expect(checksOf(bare('windows'), 'restricted', 'v1.24')).toEqual(['allowPrivilegeEscalation', 'capabilities_restricted', 'seccompProfile_restricted']);
  });

  it('only the exact string "windows" counts', () => {
    for (const name of ['Windows', 'WINDOWS', 'linux', '', 7, null]) expect(allowed(bare(name), 'restricted', 'latest')).toBe(false);
    expect(allowed(restrictedPod({ os: 'windows', securityContext: { seccompProfile: null }, initContainers: [], containers: [{ name: 'app' }] }), 'restricted', 'latest')).toBe(false);
  });

  it('still requires runAsNonRoot and every other check', () => {
    const pod = restrictedPod({ os: { name: 'windows' }, securityContext: { runAsNonRoot: null, seccompProfile: null }, initContainers: [], containers: [{ name: 'app' }] });
    expect(checksOf(pod, 'restricted', 'latest')).toEqual(['runAsNonRoot']);
    const hostProcess = restrictedPod({ os: { name: 'windows' }, hostNetwork: true, securityContext: { windowsOptions: { hostProcess: true } } });
    expect(checksOf(hostProcess, 'restricted', 'latest')).toEqual(['hostNamespaces', 'windowsHostProcess']);
  });
});

describe('user namespaces (hostUsers: false)', () => {
  const rootPod = (hostUsers: unknown): Json =>
    restrictedPod({ hostUsers, securityContext: { runAsNonRoot: false, runAsUser: 0 }, containers: [hardenedContainer('app', { securityContext: { runAsUser: 0 } })] });

  it('relax runAsNonRoot and runAsUser at v1.35 and later only', () => {
    for (const minor of allMinors) {
      const expected = minor >= 35 ? [] : minor >= 23 ? ['runAsNonRoot', 'runAsUser'] : ['runAsNonRoot'];
      expect(checksOf(rootPod(false), 'restricted', v(minor))).toEqual(expected);
    }
    expect(checksOf(rootPod(false), 'restricted', 'latest')).toEqual([]);
  });

  it('hostUsers unset, true or not a boolean is not a user namespace', () => {
    for (const hostUsers of [undefined, true, 'false', 0, null]) {
      expect(checksOf(rootPod(hostUsers), 'restricted', 'latest')).toEqual(['runAsNonRoot', 'runAsUser']);
    }
  });

  it('relax baseline procMount at v1.35 and later only', () => {
    const pod = plainPod({ hostUsers: false, containers: [{ name: 'app', securityContext: { procMount: 'Unmasked' } }] });
    for (const minor of allMinors) expect(allowed(pod, 'baseline', v(minor))).toBe(minor >= 35);
    expect(allowed(plainPod({ hostUsers: true, containers: [{ name: 'app', securityContext: { procMount: 'Unmasked' } }] }), 'baseline', 'latest')).toBe(false);
  });
});

describe('seccomp: annotations before v1.19, fields from v1.19', () => {
  const annotated = (value: string): Json => plainPod({}, { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': value } });

  it('annotations are ignored from v1.19', () => {
    for (const minor of allMinors) expect(allowed(annotated('unconfined'), 'baseline', v(minor))).toBe(minor >= 19);
  });

  it('fields are ignored before v1.19', () => {
    const field = plainPod({ securityContext: { seccompProfile: { type: 'Unconfined' } } });
    for (const minor of allMinors) expect(allowed(field, 'baseline', v(minor))).toBe(minor < 19);
  });

  it('annotation values: runtime/default, docker/default, localhost/* pass; an empty value fails', () => {
    for (const ok of ['runtime/default', 'docker/default', 'localhost/', 'localhost/p.json']) expect(allowed(annotated(ok), 'baseline', 'v1.18')).toBe(true);
    for (const bad of ['', 'unconfined', 'RuntimeDefault', 'Localhost/x']) expect(allowed(annotated(bad), 'baseline', 'v1.18')).toBe(false);
  });

  it('field types: unset, RuntimeDefault and Localhost pass; Unconfined, empty, missing and other case fail', () => {
    for (const profile of [{ type: 'RuntimeDefault' }, { type: 'Localhost', localhostProfile: 'p' }]) {
      expect(allowed(plainPod({ securityContext: { seccompProfile: profile } }), 'baseline', 'latest')).toBe(true);
    }
    for (const profile of [{ type: 'Unconfined' }, { type: '' }, {}, { type: 'runtimedefault' }, { type: 5 }]) {
      expect(allowed(plainPod({ securityContext: { seccompProfile: profile } }), 'baseline', 'latest')).toBe(false);
    }
  });
});

describe('version-dependent allowed values', () => {
  const sysctlPod = (name: string): Json => plainPod({ securityContext: { sysctls: [{ name, value: '1' }] } });
  const added: [string, number][] = [
    ['kernel.shm_rmid_forced', 0],
    ['net.ipv4.ip_local_port_range', 0],
    ['net.ipv4.tcp_syncookies', 0],
    ['net.ipv4.ping_group_range', 0],
    ['net.ipv4.ip_unprivileged_port_start', 0],
    ['net.ipv4.ip_local_reserved_ports', 27],
    ['net.ipv4.tcp_keepalive_time', 29],
    ['net.ipv4.tcp_fin_timeout', 29],
    ['net.ipv4.tcp_keepalive_intvl', 29],
    ['net.ipv4.tcp_keepalive_probes', 29],
    ['net.ipv4.tcp_rmem', 32],
    ['net.ipv4.tcp_wmem', 32],
    ['net.ipv4.tcp_slow_start_after_idle', 37],
    ['net.ipv4.tcp_notsent_lowat', 37],
  ];
  it.each(added)('sysctl %s is allowed from v1.%i', (name, from) => {
    for (const minor of allMinors) expect(allowed(sysctlPod(name), 'baseline', v(minor))).toBe(minor >= from);
  });

  it('sysctls match exactly: slash form, case and unknown names fail; values are ignored', () => {
    for (const name of ['kernel/shm_rmid_forced', 'KERNEL.SHM_RMID_FORCED', 'net.core.somaxconn', '']) expect(allowed(sysctlPod(name), 'baseline', 'latest')).toBe(false);
    expect(allowed(plainPod({ securityContext: { sysctls: [{ name: 'kernel.shm_rmid_forced', value: 'anything at all' }] } }), 'baseline', 'v1.0')).toBe(true);
  });

  it('sysctl detail keeps input order and duplicates', () => {
    const pod = plainPod({ securityContext: { sysctls: [{ name: 'b.x' }, { name: 'kernel.shm_rmid_forced' }, { name: 'a.x' }, { name: 'b.x' }] } });
    const [violation] = evaluatePodSecurity(pod, at('baseline', 'latest')).violations;
    expect(violation).toEqual({
      check: 'sysctls',
      reason: 'forbidden sysctls',
      detail: 'b.x, a.x, b.x',
      paths: ['spec.securityContext.sysctls[0].name', 'spec.securityContext.sysctls[2].name', 'spec.securityContext.sysctls[3].name'],
    });
  });

  it('probe and lifecycle hosts are checked from v1.34 only, and any host fails', () => {
    for (const host of ['localhost', '127.0.0.1', '::1', 'example.com']) {
      const pod = plainPod({ containers: [{ name: 'app', readinessProbe: { httpGet: { host, port: 8080 } } }] });
      for (const minor of allMinors) expect(allowed(pod, 'baseline', v(minor))).toBe(minor < 34);
    }
    const noHost = plainPod({ containers: [{ name: 'app', livenessProbe: { httpGet: { host: '', port: 1 }, tcpSocket: { port: 2 } }, startupProbe: { grpc: { port: 3 } } }] });
    expect(allowed(noHost, 'baseline', 'latest')).toBe(true);
  });

  it('probe and lifecycle host detail: sorted, distinct container names and hosts', () => {
    const pod = plainPod({
      initContainers: [{ name: 'z', startupProbe: { tcpSocket: { host: 'b', port: 1 } } }],
      containers: [
        { name: 'a', livenessProbe: { httpGet: { host: 'c', port: 1 } }, lifecycle: { postStart: { httpGet: { host: 'b', port: 1 } } } },
        { name: 'a', readinessProbe: { httpGet: { host: 'a', port: 1 } } },
      ],
    });
    expect(evaluatePodSecurity(pod, at('baseline', 'latest')).violations[0]?.detail).toBe('containers "a", "z" use probe or lifecycle hosts "a", "b", "c"');
  });

  it('SELinux type container_engine_t is allowed from v1.31', () => {
    const pod = plainPod({ securityContext: { seLinuxOptions: { type: 'container_engine_t' } } });
    for (const minor of allMinors) expect(allowed(pod, 'baseline', v(minor))).toBe(minor >= 31);
    for (const type of ['', 'container_t', 'container_init_t', 'container_kvm_t']) {
      expect(allowed(plainPod({ securityContext: { seLinuxOptions: { type, level: 's0:c1,c2' } } }), 'baseline', 'v1.0')).toBe(true);
    }
  });

  it('runAsUser is not checked before v1.23, allowPrivilegeEscalation not before v1.8', () => {
    const root = restrictedPod({ securityContext: { runAsUser: 0 } });
    for (const minor of allMinors) expect(allowed(root, 'restricted', v(minor))).toBe(minor < 23);
    const escalating = restrictedPod({ containers: [hardenedContainer('app', { securityContext: { allowPrivilegeEscalation: true } })] });
    for (const minor of allMinors) expect(allowed(escalating, 'restricted', v(minor))).toBe(minor < 8);
  });

  it('AppArmor fields and annotations are checked at every version, v1.0 included', () => {
    const field = plainPod({ securityContext: { appArmorProfile: { type: 'Unconfined' } } });
    const annotation = plainPod({}, { annotations: { 'container.apparmor.security.beta.kubernetes.io/ghost': 'unconfined' } });
    for (const minor of allMinors) {
      expect(allowed(field, 'baseline', v(minor))).toBe(false);
      expect(allowed(annotation, 'baseline', v(minor))).toBe(false);
    }
  });

  it('the image volume is allowed by restricted at every version', () => {
    const pod = restrictedPod({ volumes: [{ name: 'i', image: { reference: 'registry/x:1' } }] });
    for (const minor of allMinors) expect(allowed(pod, 'restricted', v(minor))).toBe(true);
  });
});

describe('pod-level values are not overridden by containers where upstream says so', () => {
  const allOverride = (podSc: Json, containerSc: Json): Json =>
    restrictedPod({
      securityContext: podSc,
      initContainers: [hardenedContainer('init', { securityContext: containerSc })],
      containers: [hardenedContainer('app', { securityContext: containerSc })],
    });
  const cases: [string, Json, Json, PodSecurityLevel][] = [
    ['runAsNonRoot', { runAsNonRoot: false }, { runAsNonRoot: true }, 'restricted'],
    ['runAsUser', { runAsUser: 0 }, { runAsUser: 1000 }, 'restricted'],
    ['seccompProfile_restricted', { seccompProfile: { type: 'Unconfined' } }, { seccompProfile: { type: 'RuntimeDefault' } }, 'restricted'],
    ['seccompProfile_baseline', { seccompProfile: { type: 'Unconfined' } }, { seccompProfile: { type: 'RuntimeDefault' } }, 'baseline'],
    ['appArmorProfile', { appArmorProfile: { type: 'Unconfined' } }, { appArmorProfile: { type: 'RuntimeDefault' } }, 'baseline'],
    ['seLinuxOptions', { seLinuxOptions: { type: 'spc_t' } }, { seLinuxOptions: { type: 'container_t' } }, 'baseline'],
    ['windowsHostProcess', { windowsOptions: { hostProcess: true } }, { windowsOptions: { hostProcess: false } }, 'baseline'],
  ];
  it.each(cases)('%s: an explicit bad pod value fails although every container overrides it', (check, podSc, containerSc, level) => {
    const result = evaluatePodSecurity(allOverride(podSc, containerSc), at(level, 'latest'));
    expect(result.violations.map((x) => x.check)).toContain(check);
    expect(result.violations.find((x) => x.check === check)?.detail).toMatch(/^pod /);
  });

  it('a valid pod value fills in for containers that leave it unset (runAsNonRoot, seccomp)', () => {
    expect(allowed(restrictedPod(), 'restricted', 'latest')).toBe(true);
    const perContainer = restrictedPod({
      securityContext: { runAsNonRoot: null, seccompProfile: null },
      initContainers: [hardenedContainer('init', { securityContext: { runAsNonRoot: true, seccompProfile: { type: 'Localhost', localhostProfile: 'p' } } })],
      containers: [hardenedContainer('app', { securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } })],
    });
    expect(allowed(perContainer, 'restricted', 'latest')).toBe(true);
    const oneMissing = restrictedPod({
      securityContext: { runAsNonRoot: null, seccompProfile: null },
      containers: [hardenedContainer('app', { securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } })],
    });
    expect(formatPodSecurityViolations(evaluatePodSecurity(oneMissing, at('restricted', 'latest')))).toBe(
      'runAsNonRoot != true (pod or container "init" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "init" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
    );
  });

  it('an explicit bad container value fails even when the pod sets a good one', () => {
    const pod = restrictedPod({ containers: [hardenedContainer('app', { securityContext: { runAsNonRoot: false, seccompProfile: { type: 'Unconfined' } } })] });
    expect(checksOf(pod, 'restricted', 'latest')).toEqual(['runAsNonRoot', 'seccompProfile_restricted']);
  });
});

describe('capabilities', () => {
  const withCaps = (capabilities: Json): Json => restrictedPod({ containers: [hardenedContainer('app', { securityContext: { capabilities } })] });

  it('baseline allows exactly the 13 defaults, case-sensitively', () => {
    const defaults = ['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'];
    expect(allowed(plainPod({ containers: [{ name: 'app', securityContext: { capabilities: { add: defaults } } }] }), 'baseline', 'latest')).toBe(true);
    for (const cap of ['NET_RAW', 'chown', 'CAP_CHOWN', 'ALL', 'SYS_ADMIN', '']) {
      expect(allowed(plainPod({ containers: [{ name: 'app', securityContext: { capabilities: { add: [cap] } } }] }), 'baseline', 'latest')).toBe(false);
    }
  });

  it('restricted requires drop to contain exactly "ALL" and add only NET_BIND_SERVICE', () => {
    expect(allowed(withCaps({ drop: ['ALL'], add: ['NET_BIND_SERVICE'] }), 'restricted', 'latest')).toBe(true);
    expect(allowed(withCaps({ drop: ['NET_RAW', 'ALL'] }), 'restricted', 'latest')).toBe(true);
    for (const drop of [['all'], ['CAP_ALL'], [], ['NET_RAW', 'SYS_ADMIN']]) expect(allowed(withCaps({ drop }), 'restricted', 'latest')).toBe(false);
    expect(formatPodSecurityViolations(evaluatePodSecurity(withCaps({ drop: ['all'], add: ['SYS_ADMIN', 'CHOWN', 'SYS_ADMIN'] }), at('restricted', 'latest')))).toBe(
      'unrestricted capabilities (container "app" must set securityContext.capabilities.drop=["ALL"]; container "app" must not include "CHOWN", "SYS_ADMIN" in securityContext.capabilities.add)',
    );
  });
});

describe('volumes', () => {
  it('a volume with no source is an emptyDir (API defaulting) and passes restricted', () => {
    expect(allowed(restrictedPod({ volumes: [{ name: 'v' }, null, { name: 'w', unknownSource: {} }, { name: 'x', hostPath: null }] }), 'restricted', 'latest')).toBe(true);
  });

  it('an allowed source wins over a forbidden one; the first forbidden source names the type', () => {
    expect(allowed(restrictedPod({ volumes: [{ name: 'v', emptyDir: {}, hostPath: { path: '/' } }] }), 'restricted', 'latest')).toBe(true);
    const [violation] = evaluatePodSecurity(restrictedPod({ volumes: [{ name: 'v', nfs: { server: 's', path: '/' }, hostPath: { path: '/' } }, { name: 'w', rbd: {} }] }), at('restricted', 'latest')).violations;
    expect(violation).toEqual({
      check: 'restrictedVolumes',
      reason: 'restricted volume types',
      detail: 'volumes "v", "w" use restricted volume types "hostPath", "rbd"',
      paths: ['spec.volumes[0].hostPath', 'spec.volumes[1].rbd'],
    });
  });

  it('baseline only rejects hostPath', () => {
    expect(allowed(plainPod({ volumes: [{ name: 'v', nfs: { server: 's', path: '/' } }] }), 'baseline', 'latest')).toBe(true);
    expect(checksOf(plainPod({ volumes: [{ name: 'v', hostPath: {} }] }), 'baseline', 'latest')).toEqual(['hostPathVolumes']);
  });
});

describe('messages in the spirit of upstream', () => {
  const detailOf = (pod: Json, level: PodSecurityLevel, check: string): string | undefined =>
    evaluatePodSecurity(pod, at(level, 'latest')).violations.find((x) => x.check === check)?.detail;

  it('host namespaces in the fixed order hostNetwork, hostPID, hostIPC', () => {
    expect(detailOf(plainPod({ hostIPC: true, hostPID: true, hostNetwork: true }), 'baseline', 'hostNamespaces')).toBe('hostNetwork=true, hostPID=true, hostIPC=true');
  });

  it('host ports: distinct and sorted as strings, verb by containers, noun by ports', () => {
    const pod = plainPod({
      initContainers: [],
      containers: [
        { name: 'a', ports: [{ containerPort: 1, hostPort: 999 }, { containerPort: 2, hostPort: 1000 }] },
        { name: 'b', ports: [{ containerPort: 3, hostPort: 999 }, { containerPort: 4, hostPort: 0 }] },
      ],
    });
    expect(detailOf(pod, 'baseline', 'hostPorts')).toBe('containers "a", "b" use hostPorts 1000, 999');
  });

  it('SELinux: setters joined by " and ", parts by "; "', () => {
    const pod = plainPod({
      securityContext: { seLinuxOptions: { type: 'foo', user: 'u' } },
      containers: [{ name: 'e', securityContext: { seLinuxOptions: { type: 'bar' } } }, { name: 'f', securityContext: { seLinuxOptions: { role: 'r' } } }],
    });
    expect(detailOf(pod, 'baseline', 'seLinuxOptions')).toBe('pod and containers "e", "f" set forbidden securityContext.seLinuxOptions: types "bar", "foo"; user may not be set; role may not be set');
  });

  it('AppArmor: plural reason, types then annotations (Go %q values)', () => {
    const pod = plainPod(
      { securityContext: { appArmorProfile: { type: 'Unconfined' } }, containers: [{ name: 'c', securityContext: { appArmorProfile: {} } }] },
      { annotations: { 'container.apparmor.security.beta.kubernetes.io/e': 'unconfined', 'container.apparmor.security.beta.kubernetes.io/': 'x"y', 'container.apparmor.security.beta.kubernetes.io/ok': '', other: 'unconfined' } },
    );
    const [violation] = evaluatePodSecurity(pod, at('baseline', 'latest')).violations;
    expect(violation?.reason).toBe('forbidden AppArmor profiles');
    expect(violation?.detail).toBe(
      'pod and container "c" and annotations must not set AppArmor profile type to "", "Unconfined", "container.apparmor.security.beta.kubernetes.io/="x\\"y"", "container.apparmor.security.beta.kubernetes.io/e="unconfined""',
    );
    expect(violation?.paths).toEqual([
      'spec.securityContext.appArmorProfile.type',
      'spec.containers[0].securityContext.appArmorProfile',
      'metadata.annotations["container.apparmor.security.beta.kubernetes.io/e"]',
      'metadata.annotations["container.apparmor.security.beta.kubernetes.io/"]',
    ]);
    const single = plainPod({}, { annotations: { 'container.apparmor.security.beta.kubernetes.io/a': 'localhost/', 'container.apparmor.security.beta.kubernetes.io/b': 'runtime/default' } });
    expect(allowed(single, 'baseline', 'latest')).toBe(true);
  });

  it('runAsUser and windowsHostProcess setters', () => {
    const pod = restrictedPod({ securityContext: { runAsUser: 0, windowsOptions: { hostProcess: true } }, containers: [hardenedContainer('c', { securityContext: { runAsUser: 0, windowsOptions: { hostProcess: true } } })] });
    expect(detailOf(pod, 'restricted', 'runAsUser')).toBe('pod and container "c" must not set runAsUser=0');
    expect(detailOf(pod, 'restricted', 'windowsHostProcess')).toBe('pod and container "c" must not set securityContext.windowsOptions.hostProcess=true');
  });

  it('the aggregate joins reason (detail) in upstream check order', () => {
    const pod = plainPod({ hostNetwork: true, containers: [{ name: 'c', securityContext: { privileged: true } }] });
    expect(formatPodSecurityViolations(evaluatePodSecurity(pod, at('baseline', 'latest')))).toBe(
      'host namespaces (hostNetwork=true), privileged (container "c" must not set securityContext.privileged=true)',
    );
    const everything = restrictedPod({
      hostPID: true,
      volumes: [{ name: 'h', hostPath: { path: '/' } }],
      securityContext: { sysctls: [{ name: 'x' }], seLinuxOptions: { user: 'u' }, runAsUser: 0 },
      containers: [hardenedContainer('c', { ports: [{ containerPort: 1, hostPort: 1 }], securityContext: { privileged: true, procMount: 'Unmasked', allowPrivilegeEscalation: true, appArmorProfile: { type: 'x' } } })],
    });
    expect(checksOf(everything, 'restricted', 'latest')).toEqual([
      'appArmorProfile',
      'hostNamespaces',
      'hostPorts',
      'privileged',
      'seLinuxOptions',
      'sysctls',
      'allowPrivilegeEscalation',
      'procMount_restricted',
      'restrictedVolumes',
      'runAsUser',
    ]);
  });
});

describe('input shapes', () => {
  const bad = plainPod({ hostPID: true, containers: [{ name: 'app', securityContext: { privileged: true } }] }, { annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' } });

  it.each(workloadKinds)('%s: same verdict, paths from the object root', (kind) => {
    const result = evaluatePodSecurity(wrapIn(kind, bad), at('baseline', 'latest'));
    expect(result.violations.map((x) => x.check)).toEqual(['appArmorProfile', 'hostNamespaces', 'privileged']);
    const prefix = specPrefix[kind];
    const metadata = prefix.replace(/spec$/, 'metadata');
    expect(result.violations.map((x) => x.paths)).toEqual([
      [`${metadata}.annotations["container.apparmor.security.beta.kubernetes.io/app"]`],
      [`${prefix}.hostPID`],
      [`${prefix}.containers[0].securityContext.privileged`],
    ]);
  });

  it('templates use the template metadata, not the owner metadata', () => {
    const deployment = wrapIn('Deployment', plainPod()) as { metadata: Json };
    deployment.metadata = { name: 'd', annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' } };
    expect(allowed(deployment, 'baseline', 'latest')).toBe(true);
  });

  it('accepts core Workloads from snapshot.workloads(), with paths from the owner', () => {
    const snapshot = createSnapshot(workloadKinds.map((kind) => {
      const object = wrapIn(kind, bad) as { metadata: Json };
      return { ...object, metadata: { ...object.metadata, name: kind.toLowerCase() } };
    }));
    const workloads = snapshot.workloads();
    expect(workloads).toHaveLength(workloadKinds.length);
    for (const workload of workloads) {
      const result = evaluatePodSecurity(workload, at('baseline', 'latest'));
      expect(result.violations.map((x) => x.check)).toEqual(['appArmorProfile', 'hostNamespaces', 'privileged']);
      expect(result.violations[2]?.paths).toEqual([`${workload.specPath}.containers[0].securityContext.privileged`]);
    }
  });

  it('a ReplicationController without a template has nothing to check', () => {
    expect(evaluatePodSecurity({ apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'r' }, spec: {} }, at('restricted', 'latest'))).toEqual({ allowed: true, violations: [] });
  });

  it('objects of other kinds with a pod template (Argo Rollout), a bare pod spec, and kind-less pods', () => {
    const rollout = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'r' }, spec: { template: { spec: bad['spec'] } } };
    expect(evaluatePodSecurity(rollout, at('baseline', 'latest')).violations.map((x) => x.paths)).toEqual([['spec.template.spec.hostPID'], ['spec.template.spec.containers[0].securityContext.privileged']]);
    expect(evaluatePodSecurity(bad['spec'], at('baseline', 'latest')).violations.map((x) => x.paths)).toEqual([['hostPID'], ['containers[0].securityContext.privileged']]);
    expect(checksOf({ metadata: bad['metadata'], spec: bad['spec'] }, 'baseline', 'latest')).toEqual(['appArmorProfile', 'hostNamespaces', 'privileged']);
  });

  it('missing fields are reported at their nearest existing parent', () => {
    const pod = { kind: 'Pod', spec: { containers: [{ name: 'a' }, { name: 'b', securityContext: {} }, { name: 'c', securityContext: { capabilities: {} } }] } };
    const result = evaluatePodSecurity(pod, at('restricted', 'latest'));
    expect(result.violations.find((x) => x.check === 'capabilities_restricted')?.paths).toEqual([
      'spec.containers[0]',
      'spec.containers[1].securityContext',
      'spec.containers[2].securityContext.capabilities',
    ]);
  });
});

describe('malformed input never throws and is read like a decoded object', () => {
  const weird: unknown[] = [
    undefined,
    null,
    0,
    'pod',
    [],
    [plainPod()],
    {},
    { kind: 'Pod' },
    { kind: 'Pod', spec: null },
    { kind: 'Pod', spec: 'x' },
    { kind: 'Pod', spec: { containers: 'x', initContainers: {}, ephemeralContainers: 5 } },
    { kind: 'Pod', spec: { containers: [null, 1, 'x', [], { name: 5, securityContext: 'x' }] } },
    { kind: 'Pod', spec: { securityContext: [], volumes: [1, null, 'x', { name: [] }], containers: [{ ports: 'x', capabilities: 1 }] } },
    { kind: 'Pod', spec: { containers: [{ name: 'c', securityContext: { capabilities: { add: 'NET_RAW', drop: { 0: 'ALL' } }, seccompProfile: 'x', appArmorProfile: [] } }] } },
    { kind: 'Pod', metadata: { annotations: ['x'] }, spec: { securityContext: { sysctls: [null, 1, { name: 5 }] } } },
    { kind: 'Deployment', spec: { template: null } },
    { kind: 'CronJob', spec: { jobTemplate: 'x' } },
    { kind: 'PodTemplate', template: 5 },
    { specPath: 'spec', metadataPath: 'metadata', object: {}, spec: null, podMetadata: null },
    Object.create(null) as unknown,
    { kind: 'Pod', spec: { containers: [{ name: 'constructor', securityContext: { __proto__: { privileged: true } } }] } },
  ];
  it.each(weird.map((x, i) => [i, x] as const))('input %i', (_i, input) => {
    for (const level of ['privileged', 'baseline', 'restricted'] as const) {
      for (const version of ['latest', 'v1.0', 'v1.18', 'v1.25', 'v1.99', 'bad']) {
        const result = evaluatePodSecurity(input, at(level, version));
        expect(typeof result.allowed).toBe('boolean');
        expect(result.allowed).toBe(result.violations.length === 0);
      }
    }
  });

  it('values of the wrong type count as unset', () => {
    const pod = plainPod({ hostPID: 'true', hostNetwork: 1, containers: [{ name: 'app', securityContext: { privileged: 'true', procMount: 5 }, ports: [{ containerPort: 1, hostPort: '80' }] }] });
    expect(allowed(pod, 'baseline', 'latest')).toBe(true);
  });

  it('a null container is a zero-value container (name "")', () => {
    const result = evaluatePodSecurity({ kind: 'Pod', spec: { securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }, containers: [null] } }, at('restricted', 'latest'));
    expect(result.violations.map((x) => [x.check, x.detail])).toEqual([
      ['allowPrivilegeEscalation', 'container "" must set securityContext.allowPrivilegeEscalation=false'],
      ['capabilities_restricted', 'container "" must set securityContext.capabilities.drop=["ALL"]'],
    ]);
    expect(result.violations[0]?.paths).toEqual(['spec.containers[0]']);
  });
});
