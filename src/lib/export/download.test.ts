import { describe, expect, it } from 'vitest';
import { downloadBlob, downloadText, type DownloadEnvironment } from './download';

/** A minimal DOM: just what downloadBlob touches. */
function fakeEnvironment() {
  const log: string[] = [];
  const deferred: (() => void)[] = [];
  const children: unknown[] = [];
  const blobs: Blob[] = [];
  const anchor = {
    href: '',
    download: '',
    rel: '',
    style: { display: '' },
    click: () => log.push(`click ${anchor.download} ${anchor.href}`),
    remove: () => {
      children.splice(children.indexOf(anchor), 1);
      log.push('remove');
    }
  };
  const env = {
    document: {
      createElement: (tag: string) => {
        log.push(`create ${tag}`);
        return anchor;
      },
      body: { appendChild: (node: unknown) => children.push(node) }
    },
    url: {
      createObjectURL: (blob: Blob) => {
        blobs.push(blob);
        return `blob:${blobs.length}`;
      },
      revokeObjectURL: (href: string) => log.push(`revoke ${href}`)
    },
    defer: (run: () => void) => deferred.push(run)
  } as unknown as DownloadEnvironment;
  return { env, log, deferred, children, blobs };
}

describe('downloadBlob / downloadText', () => {
  it('clicks an anchor with the file name, removes it, and revokes the URL afterwards', () => {
    const f = fakeEnvironment();
    downloadBlob(new Blob(['abc']), 'model.json', f.env);
    expect(f.log).toEqual(['create a', 'click model.json blob:1', 'remove']);
    expect(f.children).toEqual([]);
    f.deferred.forEach((run) => run());
    expect(f.log.at(-1)).toBe('revoke blob:1');
  });

  it('wraps text in a blob of the given type', async () => {
    const f = fakeEnvironment();
    downloadText('print("hi")\n', 'model.py', 'text/x-python', f.env);
    expect(f.blobs[0].type).toBe('text/x-python');
    expect(await f.blobs[0].text()).toBe('print("hi")\n');
  });
});
