/**
 * Where a JSON text stops being JSON. JSON.parse's messages differ between engines and often omit the
 * position (Node 20: `Unexpected token '}', "{"a":}" is not valid JSON`), so this small scanner finds it.
 */
export interface JsonErrorLocation {
  /** offset of the offending character (text.length when the text ends too early) */
  offset: number;
  /** 1-based */
  line: number;
  column: number;
  /** what was found there, e.g. `"}"` or `the end of the text` */
  found: string;
}

/** null when the text is valid JSON. Iterative (no recursion), so deep nesting cannot overflow the stack. */
export function locateJsonError(text: string): JsonErrorLocation | null {
  let i = 0;
  const fail = (at: number): JsonErrorLocation => locate(text, at);
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  /** reads one scalar, or opens a container (pushed on the stack); false on error */
  const stack: ('[' | '{')[] = [];
  /** true right after value() opened a container: its first member needs no comma */
  let fresh = false;
  const value = (): boolean => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      stack.push(c);
      i++;
      fresh = true;
      return true;
    }
    if (c === '"') return string();
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return true;
      }
    }
    return false;
  };
  const string = (): boolean => {
    i++;
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        i++;
        return true;
      }
      if (c < ' ') return false;
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return false;
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else {
          i++;
          return false;
        }
      } else i++;
    }
    return false;
  };
  const number = (): boolean => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!match) return false;
    i += match[0].length;
    return true;
  };

  if (!value()) return fail(i);
  // After each value: close a container, or expect a separator (none right after an opening bracket) and the next value.
  for (;;) {
    ws();
    const top = stack.at(-1);
    if (top === undefined) return i === text.length ? null : fail(i);
    if (text[i] === (top === '{' ? '}' : ']')) {
      stack.pop();
      i++;
      fresh = false;
      continue;
    }
    if (fresh) fresh = false;
    else if (text[i] === ',') i++;
    else return fail(i);
    if (top === '{') {
      ws();
      if (text[i] !== '"' || !string()) return fail(i);
      ws();
      if (text[i] !== ':') return fail(i);
      i++;
    }
    if (!value()) return fail(i);
  }
}

function locate(text: string, offset: number): JsonErrorLocation {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const found = offset >= text.length ? 'the end of the text' : JSON.stringify(text[offset]);
  return { offset, line, column, found };
}
