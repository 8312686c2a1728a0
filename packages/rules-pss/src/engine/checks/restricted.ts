// The restricted checks of Pod Security Admission, written from pss.md §3 (no upstream code copied).
import type { PathSegment } from '@kubecis/core';
import { containersPhrase, joinQuote, pluralize, sortedDistinct } from '../format.js';
import type { ContainerView, PodView } from '../pod.js';
import { boolField, field, isSet, listField, objField, strValue, type Obj } from '../read.js';
import { procMountStrict, seccompTypeOf, validSeccompType } from './baseline.js';
import type { CheckFn, Offence } from './types.js';

const scPath = (c: ContainerView, ...rest: PathSegment[]): PathSegment[] => [...c.path, 'securityContext', ...rest];
const podScPath = (pod: PodView, ...rest: PathSegment[]): PathSegment[] => [...pod.specPath, 'securityContext', ...rest];
const namesOf = (containers: readonly ContainerView[]): string[] => containers.map((c) => c.name);

/** From v1.25 the Linux-only checks allow every pod whose `spec.os.name` is `windows`. */
const linuxOnly = (check: CheckFn): CheckFn => (pod) => (pod.windows ? null : check(pod));
/** From v1.35 the root checks allow every pod in a user namespace (`hostUsers: false`). */
const relaxedForUserNamespaces = (check: CheckFn): CheckFn => (pod) => (pod.userNamespace ? null : check(pod));

// restrictedVolumes ----------------------------------------------------------------------------

const allowedVolumeSources = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret'] as const;
const forbiddenVolumeSources = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'nfs',
  'iscsi',
  'glusterfs',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'fc',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'storageos',
] as const;

export const restrictedVolumes: CheckFn = (pod) => {
  const names: string[] = [];
  const types: string[] = [];
  const offences: Offence[] = [];
  const volumes = listField(pod.spec, 'volumes');
  for (let i = 0; i < volumes.length; i++) {
    const volume = volumes[i];
    if (allowedVolumeSources.some((source) => isSet(volume, source))) continue;
    const type = forbiddenVolumeSources.find((source) => isSet(volume, source));
    // A volume without any source is defaulted to emptyDir by the API server before admission.
    if (type === undefined) continue;
    names.push(strValue(field(volume, 'name')));
    types.push(type);
    offences.push({ path: [...pod.specPath, 'volumes', i, type], kind: type, value: strValue(field(volume, 'name')) });
  }
  if (names.length === 0) return null;
  const distinct = sortedDistinct(types);
  return {
    reason: 'restricted volume types',
    detail: `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)} ${pluralize('uses', 'use', names.length)} ${pluralize('restricted volume type', 'restricted volume types', distinct.length)} ${joinQuote(distinct)}`,
    offences,
  };
};

// allowPrivilegeEscalation (v1.8; v1.25 exempts Windows) ---------------------------------------

export const allowPrivilegeEscalationV1Dot8: CheckFn = (pod) => {
  const bad: ContainerView[] = [];
  const offences: Offence[] = [];
  for (const c of pod.containers) {
    const value = boolField(c.sc, 'allowPrivilegeEscalation');
    if (value === false) continue;
    bad.push(c);
    offences.push({ path: scPath(c, 'allowPrivilegeEscalation'), kind: value === true ? 'explicit' : 'unset', container: c });
  }
  if (bad.length === 0) return null;
  return {
    reason: 'allowPrivilegeEscalation != false',
    detail: `${containersPhrase(namesOf(bad))} must set securityContext.allowPrivilegeEscalation=false`,
    offences,
  };
};

export const allowPrivilegeEscalationV1Dot25: CheckFn = linuxOnly(allowPrivilegeEscalationV1Dot8);

// runAsNonRoot (v1.0; v1.35 relaxes for user namespaces) ---------------------------------------

export const runAsNonRootV1Dot0: CheckFn = (pod) => {
  const setters: string[] = [];
  const offences: Offence[] = [];
  const implicitOffences: Offence[] = [];
  const podValue = boolField(pod.sc, 'runAsNonRoot');
  if (podValue === false) {
    setters.push('pod');
    offences.push({ path: podScPath(pod, 'runAsNonRoot'), kind: 'explicit' });
  }
  const explicit: ContainerView[] = [];
  const implicit: ContainerView[] = [];
  for (const c of pod.containers) {
    const value = boolField(c.sc, 'runAsNonRoot');
    if (value === false) {
      explicit.push(c);
      offences.push({ path: scPath(c, 'runAsNonRoot'), kind: 'explicit', container: c });
    } else if (value === undefined && podValue !== true) {
      implicit.push(c);
      implicitOffences.push({ path: scPath(c, 'runAsNonRoot'), kind: 'implicit', container: c });
    }
  }
  if (explicit.length > 0) setters.push(containersPhrase(namesOf(explicit)));
  if (setters.length > 0) {
    return {
      reason: 'runAsNonRoot != true',
      detail: `${setters.join(' and ')} must not set securityContext.runAsNonRoot=false`,
      offences,
    };
  }
  if (implicit.length === 0) return null;
  return {
    reason: 'runAsNonRoot != true',
    detail: `pod or ${containersPhrase(namesOf(implicit))} must set securityContext.runAsNonRoot=true`,
    offences: implicitOffences,
  };
};

export const runAsNonRootV1Dot35: CheckFn = relaxedForUserNamespaces(runAsNonRootV1Dot0);

// runAsUser (v1.23; v1.35 relaxes for user namespaces) -----------------------------------------

export const runAsUserV1Dot23: CheckFn = (pod) => {
  const setters: string[] = [];
  const offences: Offence[] = [];
  if (field(pod.sc, 'runAsUser') === 0) {
    setters.push('pod');
    offences.push({ path: podScPath(pod, 'runAsUser'), kind: 'pod', value: '0' });
  }
  const bad: ContainerView[] = [];
  for (const c of pod.containers) {
    if (field(c.sc, 'runAsUser') !== 0) continue;
    bad.push(c);
    offences.push({ path: scPath(c, 'runAsUser'), kind: 'container', container: c, value: '0' });
  }
  if (bad.length > 0) setters.push(containersPhrase(namesOf(bad)));
  if (setters.length === 0) return null;
  return { reason: 'runAsUser=0', detail: `${setters.join(' and ')} must not set runAsUser=0`, offences };
};

export const runAsUserV1Dot35: CheckFn = relaxedForUserNamespaces(runAsUserV1Dot23);

// seccompProfile_restricted (v1.19; v1.25 exempts Windows) -------------------------------------

function typePath(profile: Obj, base: readonly PathSegment[]): PathSegment[] {
  return isSet(profile, 'type') ? [...base, 'type'] : [...base];
}

export const seccompProfileRestrictedV1Dot19: CheckFn = (pod) => {
  const setters: string[] = [];
  const values: string[] = [];
  const offences: Offence[] = [];
  const implicitOffences: Offence[] = [];
  let podSet = false;
  const podProfile = objField(pod.sc, 'seccompProfile');
  if (podProfile !== undefined) {
    const type = seccompTypeOf(podProfile);
    if (validSeccompType(type)) {
      podSet = true;
    } else {
      setters.push('pod');
      values.push(type);
      offences.push({ path: typePath(podProfile, podScPath(pod, 'seccompProfile')), kind: 'explicit', value: type });
    }
  }
  const explicit: ContainerView[] = [];
  const implicit: ContainerView[] = [];
  for (const c of pod.containers) {
    const profile = objField(c.sc, 'seccompProfile');
    if (profile !== undefined) {
      const type = seccompTypeOf(profile);
      if (validSeccompType(type)) continue;
      explicit.push(c);
      values.push(type);
      offences.push({ path: typePath(profile, scPath(c, 'seccompProfile')), kind: 'explicit', container: c, value: type });
    } else if (!podSet) {
      implicit.push(c);
      implicitOffences.push({ path: scPath(c, 'seccompProfile'), kind: 'implicit', container: c });
    }
  }
  if (explicit.length > 0) setters.push(containersPhrase(namesOf(explicit)));
  if (setters.length > 0) {
    return {
      reason: 'seccompProfile',
      detail: `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedDistinct(values))}`,
      offences,
    };
  }
  if (implicit.length === 0) return null;
  return {
    reason: 'seccompProfile',
    detail: `pod or ${containersPhrase(namesOf(implicit))} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
    offences: implicitOffences,
  };
};

export const seccompProfileRestrictedV1Dot25: CheckFn = linuxOnly(seccompProfileRestrictedV1Dot19);

// capabilities_restricted (v1.22; v1.25 exempts Windows) ---------------------------------------

export const capabilitiesRestrictedV1Dot22: CheckFn = (pod) => {
  const missingDropAll: ContainerView[] = [];
  const addingForbidden: ContainerView[] = [];
  const caps: string[] = [];
  const offences: Offence[] = [];
  for (const c of pod.containers) {
    const capabilities = objField(c.sc, 'capabilities');
    if (capabilities === undefined) {
      missingDropAll.push(c);
      offences.push({ path: scPath(c, 'capabilities', 'drop'), kind: 'missingDropAll', container: c });
      continue;
    }
    if (!listField(capabilities, 'drop').some((cap) => cap === 'ALL')) {
      missingDropAll.push(c);
      offences.push({ path: scPath(c, 'capabilities', 'drop'), kind: 'missingDropAll', container: c });
    }
    const add = listField(capabilities, 'add');
    let forbidden = false;
    for (let i = 0; i < add.length; i++) {
      const cap = strValue(add[i]);
      if (cap === 'NET_BIND_SERVICE') continue;
      forbidden = true;
      caps.push(cap);
      offences.push({ path: scPath(c, 'capabilities', 'add', i), kind: 'forbiddenAdd', container: c, value: cap });
    }
    if (forbidden) addingForbidden.push(c);
  }
  const details: string[] = [];
  if (missingDropAll.length > 0) details.push(`${containersPhrase(namesOf(missingDropAll))} must set securityContext.capabilities.drop=["ALL"]`);
  if (addingForbidden.length > 0) {
    details.push(`${containersPhrase(namesOf(addingForbidden))} must not include ${joinQuote(sortedDistinct(caps))} in securityContext.capabilities.add`);
  }
  if (details.length === 0) return null;
  return { reason: 'unrestricted capabilities', detail: details.join('; '), offences };
};

export const capabilitiesRestrictedV1Dot25: CheckFn = linuxOnly(capabilitiesRestrictedV1Dot22);

// procMount_restricted (v1.35) -----------------------------------------------------------------

/** The v1.0 procMount rule, without the user-namespace relaxation baseline gained in v1.35. */
export const procMountRestrictedV1Dot35: CheckFn = procMountStrict;
