import { describe, expect, it } from 'vitest';
import { locateJsonError } from './json-error';

describe('locateJsonError', () => {
  it('accepts exactly what JSON.parse accepts', () => {
    const samples = [
      '{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"], "b": {"c": []}} ', '"s"', '0', '[[[[]]]]',
      '', '{', '{"a":}', '{"a":1,}', '[1,]', '[1 2]', '{"a" 1}', '{a:1}', "{'a':1}", '01', '1.', '-', 'tru', 'nul',
      '"unterminated', '"bad \\x escape"', '"\\u12g4"', '[1]]', '{}{}', 'NaN', '[Infinity]', '"tab\there"', '{"a":1 "b":2}',
      '{,}', '[,1]', ' ', '{"a":{"b":[1,{"c":2}]}'
    ];
    for (const text of samples) {
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      expect(locateJsonError(text) === null, text).toBe(valid);
    }
  });

  it('points at the offending character with line and column', () => {
    expect(locateJsonError('{"a":}')).toEqual({ offset: 5, line: 1, column: 6, found: '"}"' });
    expect(locateJsonError('{\n  "a": 1,\n}')).toEqual({ offset: 12, line: 3, column: 1, found: '"}"' });
    expect(locateJsonError('[1, 2')).toEqual({ offset: 5, line: 1, column: 6, found: 'the end of the text' });
    expect(locateJsonError('')).toMatchObject({ offset: 0, found: 'the end of the text' });
  });

  it('does not overflow on deep nesting', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(locateJsonError(deep)).toBeNull();
    expect(locateJsonError('['.repeat(100_000))).toMatchObject({ offset: 100_000 });
  });
});
