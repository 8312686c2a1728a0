import type { MessageData } from './types.js';

const placeholder = /\{(\w+)\}/g;

/** Fills `{placeholders}` from data. Throws when a placeholder has no value, which is a rule bug. */
export function renderMessage(template: string, data: MessageData, ruleId: string, messageId: string): string {
  return template.replace(placeholder, (_match, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(data, name)) {
      throw new Error(`Rule ${ruleId}: message "${messageId}" needs data.${name}`);
    }
    return String(data[name]);
  });
}

/** The placeholders a template uses. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(placeholder)].map((m) => m[1]!);
}
