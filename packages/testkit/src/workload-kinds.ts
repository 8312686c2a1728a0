/** The nine kinds that hold a pod spec, in the order the snapshot's workloads view lists them. */
export const workloadKindNames = ['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController', 'PodTemplate'] as const;
/** One of {@link workloadKindNames}. */
export type WorkloadKindName = (typeof workloadKindNames)[number];
