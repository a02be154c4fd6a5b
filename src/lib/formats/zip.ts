/**
 * Zip archives (the `.keras` format is one), through fflate loaded on first use so the main bundle does
 * not carry it. Entries are byte arrays keyed by their path inside the archive.
 */
export type ZipEntries = Record<string, Uint8Array>;

let loading: Promise<typeof import('fflate')> | null = null;

export function loadFflate(): Promise<typeof import('fflate')> {
  loading ??= import('fflate');
  loading.catch(() => (loading = null));
  return loading;
}

/** Packs the entries (deflated, in the given order) into one archive. */
export async function zipEntries(entries: ZipEntries): Promise<Uint8Array> {
  const { zipSync } = await loadFflate();
  return zipSync(entries, { level: 6 });
}

/** The local-file-header signature "PK\x03\x04" every non-empty zip starts with. */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * Unpacks an archive. Throws an Error naming `name` when it is not a zip or is damaged. `maxBytes` caps
 * the total unpacked size (a small archive can expand to gigabytes).
 */
export async function unzipEntries(bytes: Uint8Array, name = 'the file', maxBytes = 200 * 1024 * 1024): Promise<ZipEntries> {
  if (!looksLikeZip(bytes)) throw new Error(`${name} is not a zip archive (it does not start with a zip header).`);
  const { unzipSync } = await loadFflate();
  let total = 0;
  try {
    return unzipSync(bytes, {
      filter: (file) => {
        total += file.originalSize;
        if (total > maxBytes) throw new Error(`${name} unpacks to more than ${Math.round(maxBytes / 1048576)} MB, the limit.`);
        return true;
      }
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (reason.startsWith(name)) throw error;
    throw new Error(`${name} is a damaged zip archive (${reason}).`);
  }
}

export const textEncoder = new TextEncoder();
export const textDecoder = new TextDecoder('utf-8', { fatal: true });
