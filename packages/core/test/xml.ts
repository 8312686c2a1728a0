// A tiny XML tree for the formatter tests, built on saxes, a strict non-validating parser:
// any well-formedness error (bad escaping, a character XML cannot carry, a stray tag) throws.
import { SaxesParser } from 'saxes';

export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** The element's own text content (character data and CDATA), entities decoded. */
  text: string;
}

/** Parses a document and returns its root element; throws on any well-formedness error. */
export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser();
  const document: XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [document];
  const errors: Error[] = [];
  parser.on('error', (error) => {
    errors.push(error);
  });
  parser.on('opentag', (tag) => {
    const element: XmlElement = { name: tag.name, attrs: { ...tag.attributes }, children: [], text: '' };
    stack[stack.length - 1]!.children.push(element);
    stack.push(element);
  });
  parser.on('text', (text) => {
    stack[stack.length - 1]!.text += text;
  });
  parser.on('cdata', (text) => {
    stack[stack.length - 1]!.text += text;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(xml).close();
  const [first] = errors;
  if (first !== undefined) throw first;
  if (document.children.length !== 1) throw new Error(`expected one root element, got ${String(document.children.length)}`);
  return document.children[0]!;
}

/** Whether the text is a well-formed XML document. */
export function isWellFormed(xml: string): boolean {
  try {
    parseXml(xml);
    return true;
  } catch {
    return false;
  }
}

/** The child elements of an element with the given name. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name);
}

/** The first child element with the given name, or undefined. */
export function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}
