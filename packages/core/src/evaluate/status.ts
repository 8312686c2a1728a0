import type { Status } from '../rule/types.js';
import type { ControlResult, Summary } from '../report/types.js';

/** Order used to sort findings: most urgent first. */
export const statusRank: Readonly<Record<Status, number>> = { FAIL: 0, ERROR: 1, WARN: 2, PASS: 3, INFO: 4 };

export function summarize(controls: readonly ControlResult[]): Summary {
  const counts = { pass: 0, fail: 0, warn: 0, info: 0, error: 0 };
  for (const control of controls) {
    switch (control.status) {
      case 'PASS': counts.pass++; break;
      case 'FAIL': counts.fail++; break;
      case 'WARN': counts.warn++; break;
      case 'INFO': counts.info++; break;
      case 'ERROR': counts.error++; break;
    }
  }
  return counts;
}
