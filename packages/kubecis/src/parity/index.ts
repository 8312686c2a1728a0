// `--parity kube-bench`: kube-bench's own section-5 verdicts, reproduced over a snapshot.
export { kubeBenchParity } from './kube-bench-parity.js';
export type { KubeBenchParityOptions } from './kube-bench-parity.js';
export { formatKubeBenchParity, toKubeBenchParity } from './format.js';
export type { KubeBenchParityFormatOptions } from './format.js';
export { tokenMountCompliant } from './audits.js';
export type { PodValue, ServiceAccountValue } from './audits.js';
export type { KubeBenchScoring } from './catalogue.js';
