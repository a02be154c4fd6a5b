import { describe, expect, it } from 'vitest';
import { embedSnippet, normaliseOrigin, parseEmbedParams, PANELS } from './params';

describe('parseEmbedParams', () => {
  it('defaults: not embedded, every panel, nothing locked, no autoplay, any origin', () => {
    const config = parseEmbedParams('');
    expect(config.embed).toBe(false);
    expect([...config.panels]).toEqual([...PANELS]);
    expect(config.lock.size).toBe(0);
    expect(config.autoplay).toBe(false);
    expect(config.origins).toBeNull();
    expect(config.preset).toBeNull();
    expect(config.warnings).toEqual([]);
  });

  it('reads embed from the path or from embed=1', () => {
    expect(parseEmbedParams('', '/embed').embed).toBe(true);
    expect(parseEmbedParams('', '/course/axon/embed/').embed).toBe(true);
    expect(parseEmbedParams('', '/embedded').embed).toBe(false);
    expect(parseEmbedParams('?embed=1').embed).toBe(true);
    expect(parseEmbedParams('embed=true').embed).toBe(true);
    expect(parseEmbedParams('embed=0', '/').embed).toBe(false);
  });

  it('reads panels, lock, autoplay, origins and preset', () => {
    const config = parseEmbedParams(
      new URLSearchParams('embed=1&panels=network,Output&lock=data,settings&autoplay=1&origins=https://a.edu,https://b.org:8443/&preset=xor-deep')
    );
    expect([...config.panels]).toEqual(['network', 'output']);
    expect([...config.lock]).toEqual(['data', 'settings']);
    expect(config.autoplay).toBe(true);
    expect(config.origins).toEqual(['https://a.edu', 'https://b.org:8443']);
    expect(config.preset).toBe('xor-deep');
    expect(config.warnings).toEqual([]);
  });

  it('lock=all locks everything', () => {
    expect([...parseEmbedParams('lock=all').lock].sort()).toEqual(['all', 'controls', 'data', 'network', 'settings']);
  });

  it('turns bad values into warnings and safe defaults, never throws', () => {
    const config = parseEmbedParams(
      'panels=network,charts,&lock=everything&autoplay=maybe&origins=javascript:alert(1),https://ok.edu/path,https://good.edu&preset=../x'
    );
    expect([...config.panels]).toEqual(['network']);
    expect(config.lock.size).toBe(0);
    expect(config.autoplay).toBe(false);
    expect(config.origins).toEqual(['https://good.edu']);
    expect(config.preset).toBeNull();
    expect(config.warnings).toEqual([
      'panels: unknown "charts" (known: network, output, data, curves, metrics, controls, learn).',
      'lock: unknown "everything" (known: all, network, data, settings, controls).',
      'autoplay="maybe" is not 1 or 0; using 0.',
      'origins: "javascript:alert(1)" is not an origin like https://course.example.edu.',
      'origins: "https://ok.edu/path" is not an origin like https://course.example.edu.',
      'preset: "../x" is not a preset name (letters, digits, - and _).'
    ]);
  });

  it('shows every panel when none of the names is known', () => {
    const config = parseEmbedParams('panels=foo');
    expect(config.panels.size).toBe(PANELS.length);
    expect(config.warnings).toHaveLength(2);
  });

  it('an allow-list with no valid origin refuses everyone rather than allowing anyone', () => {
    const config = parseEmbedParams('origins=nonsense');
    expect(config.origins).toEqual([]);
    expect(config.warnings.at(-1)).toMatch(/no valid origin/);
  });

  it('normalises origins the way MessageEvent.origin reports them', () => {
    expect(normaliseOrigin('HTTPS://Course.Example.EDU:443')).toBe('https://course.example.edu');
    expect(normaliseOrigin('http://localhost:4173')).toBe('http://localhost:4173');
    expect(normaliseOrigin('https://user:pw@a.edu')).toBeNull();
    expect(normaliseOrigin('ftp://a.edu')).toBeNull();
    expect(normaliseOrigin('a.edu')).toBeNull();
  });
});

describe('embedSnippet', () => {
  it('writes an iframe to /embed with the options and the state, default 600×400', () => {
    const config = parseEmbedParams('panels=network,output&lock=all&autoplay=1');
    const html = embedSnippet('https://axon.example/?s=old#x', 's=AbC-_12', config);
    expect(html).toBe(
      '<iframe src="https://axon.example/embed?panels=network%2Coutput&amp;lock=all&amp;autoplay=1#s=AbC-_12" ' +
        'width="600" height="400" style="border:1px solid #cbd5e1;border-radius:8px;max-width:100%" loading="lazy" ' +
        'title="Axon neural-network playground" allow="clipboard-write"></iframe>'
    );
  });

  it('keeps the base path, applies the size, and round-trips through parseEmbedParams', () => {
    const config = parseEmbedParams('panels=output,curves&origins=https://a.edu&preset=spiral');
    const html = embedSnippet('https://host.example/tools/axon/index.html', '', config, { width: 800, height: 500 });
    expect(html).toContain('width="800" height="500"');
    const src = html.match(/src="([^"]+)"/)![1].replace(/&amp;/g, '&');
    const url = new URL(src);
    expect(url.pathname).toBe('/tools/axon/embed');
    const back = parseEmbedParams(url.search, url.pathname);
    expect(back.embed).toBe(true);
    expect([...back.panels]).toEqual(['output', 'curves']);
    expect(back.origins).toEqual(['https://a.edu']);
    expect(back.preset).toBe('spiral');
    expect(back.warnings).toEqual([]);
  });
});
