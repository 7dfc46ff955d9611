// Lesson text with refs: literal text and `{…}` refs, filled from a trace when shown. `{{` and `}}`
// write a literal brace.

import { RefError, parseRef, type Ref } from './ref';

/** Literal text, or a ref with its 1-based column in the text. */
export type TextPart = string | { ref: Ref; column: number };

/** A text that does not parse; `column` is 1-based. */
export class TemplateError extends Error {
  readonly column: number;

  constructor(column: number, detail: string) {
    super(`column ${column}: ${detail}`);
    this.name = 'TemplateError';
    this.column = column;
  }
}

/** Throws `TemplateError` naming the column of the first problem. */
export function parseTemplate(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if ((c === '{' || c === '}') && text[i + 1] === c) {
      literal += c;
      i += 2;
    } else if (c === '}') {
      throw new TemplateError(i + 1, 'a "}" without its "{" (write "}}" for a brace)');
    } else if (c === '{') {
      const end = text.indexOf('}', i + 1);
      const open = text.indexOf('{', i + 1);
      if (end < 0 || (open >= 0 && open < end)) {
        throw new TemplateError(i + 1, 'a "{" without its "}" (write "{{" for a brace)');
      }
      try {
        parts.push(literal, { ref: parseRef(text.slice(i + 1, end)), column: i + 1 });
      } catch (err) {
        if (err instanceof RefError)
          throw new TemplateError(i + 1, `${text.slice(i, end + 1)}: ${err.message}`);
        throw err;
      }
      literal = '';
      i = end + 1;
    } else {
      literal += c;
      i++;
    }
  }
  parts.push(literal);
  return parts.filter((p) => p !== '');
}

export function templateRefs(parts: readonly TextPart[]): Ref[] {
  return parts.flatMap((p) => (typeof p === 'string' ? [] : [p.ref]));
}

/** The text with each ref replaced by `value(ref)`. */
export function fillTemplate(parts: readonly TextPart[], value: (ref: Ref) => string): string {
  return parts.map((p) => (typeof p === 'string' ? p : value(p.ref))).join('');
}
