import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import ExportMenu from './ExportMenu.svelte';
import SavesPanel from './SavesPanel.svelte';

const noop = () => {};

describe('keep components render', () => {
  it('SavesPanel lists the saves with open, rename and delete controls', () => {
    const now = Date.UTC(2026, 10, 25, 12);
    const { body } = render(SavesPanel, {
      props: {
        saves: [
          { id: 'a', name: 'XOR deep', savedAt: now - 5 * 60_000 },
          { id: 'b', name: 'Spiral <b>bold</b>', savedAt: now - 10_000 }
        ],
        now,
        onsave: noop,
        onopen: noop,
        onrename: noop,
        ondelete: noop
      }
    });
    expect(body.match(/data-testid="save-row"/g)).toHaveLength(2);
    expect(body).toContain('XOR deep');
    expect(body).toContain('5 min ago');
    // Names are text, never markup.
    expect(body).toContain('Spiral &lt;b>bold&lt;/b>');
    expect(body.match(/data-testid="rename-save"/g)).toHaveLength(2);
    expect(body).toContain('aria-label="Delete XOR deep"');
  });

  it('SavesPanel says so when there are no saves', () => {
    const { body } = render(SavesPanel, { props: { saves: [], onsave: noop, onopen: noop, onrename: noop, ondelete: noop } });
    expect(body).toContain('No saves yet');
    expect(body).not.toContain('data-testid="saves-list"');
  });

  it('ExportMenu shows every action and the error in place', () => {
    const { body } = render(ExportMenu, {
      props: {
        onexportjson: noop,
        onimportjson: noop,
        onmodel: noop,
        onpng: noop,
        oncopylink: noop,
        oncopyweightslink: noop,
        oncopylonglink: noop,
        oncopyembed: noop,
        longLink: null,
        error: 'nodes[3].activation: unknown "relux"'
      }
    });
    for (const id of ['copy-link', 'copy-weights-link', 'copy-embed', 'export-json', 'import-json', 'import-file', 'export-png', 'export-keras', 'export-keras-file', 'export-h5', 'export-tfjs', 'export-onnx', 'export-pytorch', 'export-numpy']) {
      expect(body).toContain(`data-testid="${id}"`);
    }
    expect(body).toContain('Runs in onnxruntime, opens in Netron and most inference tools.');
    expect(body).toMatch(/role="alert" data-testid="export-error">nodes\[3\]\.activation: unknown "relux"</);
  });

  it('ExportMenu offers a file or the long link when a link is over the safe length', () => {
    const props = { onexportjson: noop, onimportjson: noop, onmodel: noop, onpng: noop, oncopylink: noop, oncopyweightslink: noop, oncopylonglink: noop, oncopyembed: noop, error: null };
    expect(render(ExportMenu, { props: { ...props, longLink: null } }).body).not.toContain('data-testid="long-link"');
    const { body } = render(ExportMenu, { props: { ...props, longLink: 'This link is 9,000 characters long' } });
    for (const id of ['long-link', 'long-link-file', 'long-link-copy']) expect(body).toContain(`data-testid="${id}"`);
    expect(body).toContain('This link is 9,000 characters long');
  });
});
