/**
 * Saving a file from the page: an anchor with an object URL, clicked, then cleaned up.
 * The URL is revoked on the next tick: revoking it synchronously can cancel the download in some browsers.
 */

export interface DownloadEnvironment {
  document: Pick<Document, 'createElement' | 'body'>;
  url: Pick<typeof URL, 'createObjectURL' | 'revokeObjectURL'>;
  defer: (run: () => void) => void;
}

function browserEnvironment(): DownloadEnvironment {
  return { document, url: URL, defer: (run) => setTimeout(run, 0) };
}

export function downloadBlob(blob: Blob, filename: string, env: DownloadEnvironment = browserEnvironment()): void {
  const href = env.url.createObjectURL(blob);
  const anchor = env.document.createElement('a');
  anchor.href = href;
  anchor.download = filename;
  anchor.rel = 'noopener';
  anchor.style.display = 'none';
  env.document.body.appendChild(anchor);
  try {
    anchor.click();
  } finally {
    anchor.remove();
    env.defer(() => env.url.revokeObjectURL(href));
  }
}

export function downloadText(text: string, filename: string, type = 'text/plain;charset=utf-8', env?: DownloadEnvironment): void {
  downloadBlob(new Blob([text], { type }), filename, env);
}
