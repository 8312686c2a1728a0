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

/**
 * A template split once into its literal parts and placeholder names, for rendering many findings
 * of one message: `parts[0] + data[names[0]] + parts[1] + …`.
 */
export interface CompiledMessage {
  readonly parts: readonly string[];
  readonly names: readonly string[];
}

export function compileMessage(template: string): CompiledMessage {
  const parts: string[] = [];
  const names: string[] = [];
  let last = 0;
  for (const match of template.matchAll(placeholder)) {
    parts.push(template.slice(last, match.index));
    names.push(match[1]!);
    last = match.index + match[0].length;
  }
  parts.push(template.slice(last));
  return { parts, names };
}

/** {@link renderMessage} with a compiled template: the same text, the same error for missing data. */
export function renderCompiled(compiled: CompiledMessage, data: MessageData, ruleId: string, messageId: string): string {
  const { parts, names } = compiled;
  let text = parts[0]!;
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    if (!Object.prototype.hasOwnProperty.call(data, name)) {
      throw new Error(`Rule ${ruleId}: message "${messageId}" needs data.${name}`);
    }
    text += String(data[name]) + parts[i + 1]!;
  }
  return text;
}

/** The placeholders a template uses. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(placeholder)].map((m) => m[1]!);
}
