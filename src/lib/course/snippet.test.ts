import { describe, expect, it } from 'vitest';
import { embedScriptSnippet } from './snippet';

describe('embedScriptSnippet', () => {
  it('loads embed.js from the app’s folder and writes the options as data-axon', () => {
    expect(embedScriptSnippet('https://axon.example/?challenge=x#s=abc', { challenge: 'spiral-30' })).toBe(
      '<script src="https://axon.example/embed.js"></script>\n<div data-axon="challenge=spiral-30"></div>'
    );
    expect(embedScriptSnippet('https://uni.example/tools/axon/', { preset: 'classic-xor', lock: 'data' })).toBe(
      '<script src="https://uni.example/tools/axon/embed.js"></script>\n<div data-axon="preset=classic-xor&amp;lock=data"></div>'
    );
  });

  it('escapes what could end the attribute', () => {
    const html = embedScriptSnippet('https://axon.example/', { goal: 'params<=20"><script>' });
    expect(html).not.toContain('"><script>');
    expect(html).toContain('data-axon="goal=params%3C%3D20%22%3E%3Cscript%3E"');
  });
});
