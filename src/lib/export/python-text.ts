/**
 * Text from outside (node labels, CSV column names, model names) written into generated Python.
 * It only ever appears as an escaped string literal, a one-line comment or docstring text, never as
 * code: a name like `x\nimport os` must stay inside its literal or its comment.
 */

/** Characters that end a line for some reader (Python's tokenizer, an editor, a terminal) or hide text. */
const UNSAFE_IN_LINE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
/** A surrogate without its partner cannot be written as UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A Python string literal for any text: double quotes, with every character outside printable ASCII
 * written as an escape, so the literal is one line and reads back as exactly the same text.
 */
export function pyString(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === '\\' || char === '"') out += `\\${char}`;
    else if (code >= 0x20 && code < 0x7f) out += char;
    else if (code < 0x100) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code < 0x10000) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/**
 * Text for one comment line: control, format and line-separator characters become spaces, runs of
 * spaces shrink to one, and long text is cut (with an ellipsis) at `max` characters.
 */
export function pyCommentText(text: string, max = 160): string {
  const flat = text.replace(LONE_SURROGATE, '\uFFFD').replace(UNSAFE_IN_LINE, ' ').replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : flat;
}

/** Text for inside a """docstring""": one line, and every quote and backslash escaped, so it cannot close the string. */
export function pyDocstringText(text: string, max = 160): string {
  return pyCommentText(text, max).replace(/[\\"]/g, (c) => `\\${c}`);
}
