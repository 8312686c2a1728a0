// The baseline checks of Pod Security Admission, written from pss.md §3 (no upstream code copied).
import type { PathSegment } from '@kubecis/core';
import { containersPhrase, goQuote, joinQuote, pluralize, sortedDistinct, compareGo } from '../format.js';
import type { ContainerView, PodView } from '../pod.js';
import { boolField, field, isObj, isSet, listField, objField, strField, strValue, type Obj } from '../read.js';
import type { CheckFailure, CheckFn, Offence } from './types.js';

const scPath = (c: ContainerView, ...rest: PathSegment[]): PathSegment[] => [...c.path, 'securityContext', ...rest];
const podScPath = (pod: PodView, ...rest: PathSegment[]): PathSegment[] => [...pod.specPath, 'securityContext', ...rest];

/** Names of the containers, in visiting order (not deduplicated). */
const namesOf = (containers: readonly ContainerView[]): string[] => containers.map((c) => c.name);

// hostNamespaces -------------------------------------------------------------------------------

const hostNamespaceFields = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

export const hostNamespaces: CheckFn = (pod) => {
  const offences: Offence[] = [];
  for (const name of hostNamespaceFields) {
    if (boolField(pod.spec, name) === true) offences.push({ path: [...pod.specPath, name], kind: name });
  }
  if (offences.length === 0) return null;
  return { reason: 'host namespaces', detail: offences.map((o) => `${o.kind}=true`).join(', '), offences };
};

// privileged -----------------------------------------------------------------------------------

export const privileged: CheckFn = (pod) => {
  const bad: ContainerView[] = [];
  const offences: Offence[] = [];
  for (const c of pod.containers) {
    if (boolField(c.sc, 'privileged') === true) {
      bad.push(c);
      offences.push({ path: scPath(c, 'privileged'), kind: 'privileged', container: c });
    }
  }
  if (bad.length === 0) return null;
  return { reason: 'privileged', detail: `${containersPhrase(namesOf(bad))} must not set securityContext.privileged=true`, offences };
};

// capabilities_baseline ------------------------------------------------------------------------

const defaultCapabilities: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

export const capabilitiesBaseline: CheckFn = (pod) => {
  const bad: ContainerView[] = [];
  const caps: string[] = [];
  const offences: Offence[] = [];
  for (const c of pod.containers) {
    const capabilities = objField(c.sc, 'capabilities');
    if (capabilities === undefined) continue;
    const add = listField(capabilities, 'add');
    let valid = true;
    for (let i = 0; i < add.length; i++) {
      const cap = strValue(add[i]);
      if (defaultCapabilities.has(cap)) continue;
      valid = false;
      caps.push(cap);
      offences.push({ path: scPath(c, 'capabilities', 'add', i), kind: 'forbiddenAdd', container: c, value: cap });
    }
    if (!valid) bad.push(c);
  }
  if (bad.length === 0) return null;
  return {
    reason: 'non-default capabilities',
    detail: `${containersPhrase(namesOf(bad))} must not include ${joinQuote(sortedDistinct(caps))} in securityContext.capabilities.add`,
    offences,
  };
};

// hostPathVolumes ------------------------------------------------------------------------------

export const hostPathVolumes: CheckFn = (pod) => {
  const names: string[] = [];
  const offences: Offence[] = [];
  const volumes = listField(pod.spec, 'volumes');
  for (let i = 0; i < volumes.length; i++) {
    const volume = volumes[i];
    if (!isSet(volume, 'hostPath')) continue;
    names.push(strValue(field(volume, 'name')));
    offences.push({ path: [...pod.specPath, 'volumes', i, 'hostPath'], kind: 'hostPath', value: strValue(field(volume, 'name')) });
  }
  if (names.length === 0) return null;
  return { reason: 'hostPath volumes', detail: `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)}`, offences };
};

// hostPorts ------------------------------------------------------------------------------------

export const hostPorts: CheckFn = (pod) => {
  const bad: ContainerView[] = [];
  const ports: string[] = [];
  const offences: Offence[] = [];
  for (const c of pod.containers) {
    const list = listField(c.raw, 'ports');
    let valid = true;
    for (let i = 0; i < list.length; i++) {
      const hostPort = field(list[i], 'hostPort');
      if (typeof hostPort !== 'number' || hostPort === 0) continue;
      valid = false;
      ports.push(String(hostPort));
      offences.push({ path: [...c.path, 'ports', i, 'hostPort'], kind: 'hostPort', container: c, value: String(hostPort) });
    }
    if (!valid) bad.push(c);
  }
  if (bad.length === 0) return null;
  const distinct = sortedDistinct(ports);
  return {
    reason: 'hostPort',
    detail: `${containersPhrase(namesOf(bad))} ${pluralize('uses', 'use', bad.length)} ${pluralize('hostPort', 'hostPorts', distinct.length)} ${distinct.join(', ')}`,
    offences,
  };
};

// hostProbesAndHostLifecycle (v1.34) -----------------------------------------------------------

const probeFields = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const lifecycleFields = ['postStart', 'preStop'] as const;
const handlerFields = ['httpGet', 'tcpSocket'] as const;

/** Records the non-empty hosts of one probe or lifecycle handler; returns whether it had any. */
function visitHandler(handler: Obj | undefined, prefix: readonly PathSegment[], c: ContainerView, hosts: string[], offences: Offence[]): boolean {
  if (handler === undefined) return false;
  let found = false;
  for (const kind of handlerFields) {
    const host = strField(objField(handler, kind), 'host');
    if (host === undefined || host === '') continue;
    found = true;
    hosts.push(host);
    offences.push({ path: [...prefix, kind, 'host'], kind, container: c, value: host });
  }
  return found;
}

export const hostProbesAndHostLifecycle: CheckFn = (pod) => {
  const names: string[] = [];
  const hosts: string[] = [];
  const offences: Offence[] = [];
  for (const c of pod.containers) {
    let bad = false;
    for (const probe of probeFields) {
      const handler = objField(c.raw, probe);
      if (handler !== undefined && visitHandler(handler, [...c.path, probe], c, hosts, offences)) bad = true;
    }
    const lifecycle = objField(c.raw, 'lifecycle');
    if (lifecycle !== undefined) {
      for (const hook of lifecycleFields) {
        const handler = objField(lifecycle, hook);
        if (handler !== undefined && visitHandler(handler, [...c.path, 'lifecycle', hook], c, hosts, offences)) bad = true;
      }
    }
    if (bad) names.push(c.name);
  }
  if (names.length === 0) return null;
  const distinctNames = sortedDistinct(names);
  const distinctHosts = sortedDistinct(hosts);
  return {
    reason: 'probe or lifecycle host',
    detail: `${containersPhrase(distinctNames)} ${pluralize('uses', 'use', distinctNames.length)} ${pluralize('probe or lifecycle host', 'probe or lifecycle hosts', distinctHosts.length)} ${joinQuote(distinctHosts)}`,
    offences,
  };
};

// appArmorProfile ------------------------------------------------------------------------------

const appArmorAnnotationPrefix = 'container.apparmor.security.beta.kubernetes.io/';
const allowedAppArmorType = (type: string): boolean => type === 'RuntimeDefault' || type === 'Localhost';
const allowedAppArmorAnnotation = (value: string): boolean => value === '' || value === 'runtime/default' || value.startsWith('localhost/');

/** The path of a profile's `type`, or of the profile when it has none. */
function typePath(profile: Obj, base: readonly PathSegment[]): PathSegment[] {
  return isSet(profile, 'type') ? [...base, 'type'] : [...base];
}

export const appArmorProfile: CheckFn = (pod) => {
  const setters: string[] = [];
  const types: string[] = [];
  const offences: Offence[] = [];
  const podProfile = objField(pod.sc, 'appArmorProfile');
  if (podProfile !== undefined) {
    const type = strValue(field(podProfile, 'type'));
    if (!allowedAppArmorType(type)) {
      setters.push('pod');
      types.push(type);
      offences.push({ path: typePath(podProfile, podScPath(pod, 'appArmorProfile')), kind: 'pod', value: type });
    }
  }
  const bad: ContainerView[] = [];
  for (const c of pod.containers) {
    const profile = objField(c.sc, 'appArmorProfile');
    if (profile === undefined) continue;
    const type = strValue(field(profile, 'type'));
    if (allowedAppArmorType(type)) continue;
    bad.push(c);
    types.push(type);
    offences.push({ path: typePath(profile, scPath(c, 'appArmorProfile')), kind: 'container', container: c, value: type });
  }
  if (bad.length > 0) setters.push(containersPhrase(namesOf(bad)));
  const annotations: string[] = [];
  for (const [key, value] of pod.annotations) {
    if (!key.startsWith(appArmorAnnotationPrefix) || allowedAppArmorAnnotation(value)) continue;
    annotations.push(`${key}=${goQuote(value)}`);
    offences.push({ path: [...pod.metadataPath, 'annotations', key], kind: 'annotation', value });
  }
  const values = sortedDistinct(types);
  if (annotations.length > 0) {
    values.push(...annotations.sort(compareGo));
    setters.push(pluralize('annotation', 'annotations', annotations.length));
  }
  if (values.length === 0) return null;
  return {
    reason: pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', values.length),
    detail: `${setters.join(' and ')} must not set AppArmor profile type to ${joinQuote(values)}`,
    offences,
  };
};

// seLinuxOptions (v1.0, v1.31) -----------------------------------------------------------------

const seLinuxTypes10: ReadonlySet<string> = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);
const seLinuxTypes131: ReadonlySet<string> = new Set([...seLinuxTypes10, 'container_engine_t']);

function seLinuxOptions(allowedTypes: ReadonlySet<string>): CheckFn {
  return (pod) => {
    const setters: string[] = [];
    const types: string[] = [];
    let setUser = false;
    let setRole = false;
    const offences: Offence[] = [];
    const validate = (options: Obj, base: readonly PathSegment[], container?: ContainerView): boolean => {
      let valid = true;
      const extra = container === undefined ? {} : { container };
      const type = strValue(field(options, 'type'));
      if (!allowedTypes.has(type)) {
        valid = false;
        types.push(type);
        offences.push({ path: [...base, 'type'], kind: 'type', value: type, ...extra });
      }
      if (strValue(field(options, 'user')) !== '') {
        valid = false;
        setUser = true;
        offences.push({ path: [...base, 'user'], kind: 'user', ...extra });
      }
      if (strValue(field(options, 'role')) !== '') {
        valid = false;
        setRole = true;
        offences.push({ path: [...base, 'role'], kind: 'role', ...extra });
      }
      return valid;
    };
    const podOptions = objField(pod.sc, 'seLinuxOptions');
    if (podOptions !== undefined && !validate(podOptions, podScPath(pod, 'seLinuxOptions'))) setters.push('pod');
    const bad: ContainerView[] = [];
    for (const c of pod.containers) {
      const options = objField(c.sc, 'seLinuxOptions');
      if (options !== undefined && !validate(options, scPath(c, 'seLinuxOptions'), c)) bad.push(c);
    }
    if (bad.length > 0) setters.push(containersPhrase(namesOf(bad)));
    if (setters.length === 0) return null;
    const parts: string[] = [];
    const distinct = sortedDistinct(types);
    if (distinct.length > 0) parts.push(`${pluralize('type', 'types', distinct.length)} ${joinQuote(distinct)}`);
    if (setUser) parts.push('user may not be set');
    if (setRole) parts.push('role may not be set');
    return {
      reason: 'seLinuxOptions',
      detail: `${setters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${parts.join('; ')}`,
      offences,
    };
  };
}

export const seLinuxOptionsV1Dot0: CheckFn = seLinuxOptions(seLinuxTypes10);
export const seLinuxOptionsV1Dot31: CheckFn = seLinuxOptions(seLinuxTypes131);

// procMount (v1.0; v1.35 relaxes for user namespaces) ------------------------------------------

/** `procMount` must be unset or `Default`; shared with procMount_restricted. */
export function procMountStrict(pod: PodView): CheckFailure | null {
  const bad: ContainerView[] = [];
  const values: string[] = [];
  const offences: Offence[] = [];
  for (const c of pod.containers) {
    const value = strField(c.sc, 'procMount');
    if (value === undefined || value === 'Default') continue;
    bad.push(c);
    values.push(value);
    offences.push({ path: scPath(c, 'procMount'), kind: 'procMount', container: c, value });
  }
  if (bad.length === 0) return null;
  return {
    reason: 'procMount',
    detail: `${containersPhrase(namesOf(bad))} must not set securityContext.procMount to ${joinQuote(sortedDistinct(values))}`,
    offences,
  };
}

export const procMountV1Dot0: CheckFn = procMountStrict;
export const procMountV1Dot35: CheckFn = (pod) => (pod.userNamespace ? null : procMountStrict(pod));

// seccompProfile_baseline (v1.0 annotations; v1.19 fields) -------------------------------------

const seccompPodAnnotation = 'seccomp.security.alpha.kubernetes.io/pod';
const seccompContainerAnnotationPrefix = 'container.seccomp.security.alpha.kubernetes.io/';
const validSeccompAnnotation = (value: string): boolean =>
  value === 'runtime/default' || value === 'docker/default' || value.startsWith('localhost/');

export const seccompProfileBaselineV1Dot0: CheckFn = (pod) => {
  const forbidden = new Set<string>();
  const offences: Offence[] = [];
  const seen = new Set<string>();
  const visit = (key: string, container?: ContainerView): void => {
    const value = pod.annotations.get(key);
    if (value === undefined || validSeccompAnnotation(value)) return;
    forbidden.add(`${key}=${goQuote(value)}`);
    if (seen.has(key)) return;
    seen.add(key);
    offences.push({ path: [...pod.metadataPath, 'annotations', key], kind: 'annotation', value, ...(container === undefined ? {} : { container }) });
  };
  visit(seccompPodAnnotation);
  for (const c of pod.containers) visit(`${seccompContainerAnnotationPrefix}${c.name}`, c);
  if (forbidden.size === 0) return null;
  return {
    reason: 'seccompProfile',
    detail: `forbidden ${pluralize('annotation', 'annotations', forbidden.size)} ${sortedDistinct(forbidden).join(', ')}`,
    offences,
  };
};

/** Seccomp profile types a field may set. */
export const validSeccompType = (type: string): boolean => type === 'RuntimeDefault' || type === 'Localhost';

/** The profile's type as Go reads it: `""` when missing. */
export const seccompTypeOf = (profile: Obj): string => strValue(field(profile, 'type'));

export const seccompProfileBaselineV1Dot19: CheckFn = (pod) => {
  const setters: string[] = [];
  const values: string[] = [];
  const offences: Offence[] = [];
  const podProfile = objField(pod.sc, 'seccompProfile');
  if (podProfile !== undefined && !validSeccompType(seccompTypeOf(podProfile))) {
    setters.push('pod');
    values.push(seccompTypeOf(podProfile));
    offences.push({ path: typePath(podProfile, podScPath(pod, 'seccompProfile')), kind: 'pod', value: seccompTypeOf(podProfile) });
  }
  const bad: ContainerView[] = [];
  for (const c of pod.containers) {
    const profile = objField(c.sc, 'seccompProfile');
    if (profile === undefined || validSeccompType(seccompTypeOf(profile))) continue;
    bad.push(c);
    values.push(seccompTypeOf(profile));
    offences.push({ path: typePath(profile, scPath(c, 'seccompProfile')), kind: 'container', container: c, value: seccompTypeOf(profile) });
  }
  if (bad.length > 0) setters.push(containersPhrase(namesOf(bad)));
  if (setters.length === 0) return null;
  return {
    reason: 'seccompProfile',
    detail: `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedDistinct(values))}`,
    offences,
  };
};

// sysctls (v1.0, v1.27, v1.29, v1.32, v1.37) ---------------------------------------------------

const sysctls10 = ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start'];
const sysctls127 = [...sysctls10, 'net.ipv4.ip_local_reserved_ports'];
const sysctls129 = [...sysctls127, 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'];
const sysctls132 = [...sysctls129, 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'];
const sysctls137 = [...sysctls132, 'net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat'];

function sysctls(allowed: ReadonlySet<string>): CheckFn {
  return (pod) => {
    const forbidden: string[] = [];
    const offences: Offence[] = [];
    const list = listField(pod.sc, 'sysctls');
    for (let i = 0; i < list.length; i++) {
      const entry = list[i];
      const name = strValue(field(entry, 'name'));
      if (allowed.has(name)) continue;
      forbidden.push(name);
      const base = podScPath(pod, 'sysctls', i);
      offences.push({ path: isObj(entry) && isSet(entry, 'name') ? [...base, 'name'] : base, kind: 'sysctl', value: name });
    }
    if (forbidden.length === 0) return null;
    return { reason: 'forbidden sysctls', detail: forbidden.join(', '), offences };
  };
}

export const sysctlsV1Dot0: CheckFn = sysctls(new Set(sysctls10));
export const sysctlsV1Dot27: CheckFn = sysctls(new Set(sysctls127));
export const sysctlsV1Dot29: CheckFn = sysctls(new Set(sysctls129));
export const sysctlsV1Dot32: CheckFn = sysctls(new Set(sysctls132));
export const sysctlsV1Dot37: CheckFn = sysctls(new Set(sysctls137));

// windowsHostProcess ---------------------------------------------------------------------------

export const windowsHostProcess: CheckFn = (pod) => {
  const offences: Offence[] = [];
  const setters: string[] = [];
  const bad: ContainerView[] = [];
  for (const c of pod.containers) {
    if (boolField(objField(c.sc, 'windowsOptions'), 'hostProcess') !== true) continue;
    bad.push(c);
    offences.push({ path: scPath(c, 'windowsOptions', 'hostProcess'), kind: 'container', container: c });
  }
  if (boolField(objField(pod.sc, 'windowsOptions'), 'hostProcess') === true) {
    setters.push('pod');
    offences.unshift({ path: podScPath(pod, 'windowsOptions', 'hostProcess'), kind: 'pod' });
  }
  if (bad.length > 0) setters.push(containersPhrase(namesOf(bad)));
  if (setters.length === 0) return null;
  return { reason: 'hostProcess', detail: `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true`, offences };
};
