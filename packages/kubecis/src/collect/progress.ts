// A one-line description of a collection's progress, for the CLI's stderr line on a TTY.

import type { CollectProgress } from './collect.js';

const count = (n: number): string => n.toLocaleString('en-US');
const plural = (n: number, word: string): string => `${count(n)} ${word}${n === 1 ? '' : 's'}`;

/** `Listing Pods (3/24), page 2: 1,000 objects so far`; the CLI rewrites one line with it. */
export function formatProgress(event: CollectProgress): string {
  switch (event.phase) {
    case 'connect':
      return `Connecting to ${event.server} (context ${event.context})`;
    case 'discovery':
      return `Discovering the APIs of ${event.server}`;
    case 'list': {
      const what = `${event.kind}${event.group === '' ? '' : `.${event.group}`}${event.namespace === null ? '' : ` in ${event.namespace}`}`;
      const page = event.page > 1 ? `, page ${String(event.page)}` : '';
      return `Listing ${what} (${String(event.index)}/${String(event.total)})${page}: ${plural(event.objects, 'object')} so far`;
    }
    case 'done':
      return `Collected ${plural(event.objects, 'object')} in ${plural(event.requests, 'request')}${event.missing > 0 ? `; ${plural(event.missing, 'kind')} could not be listed` : ''}`;
  }
}
