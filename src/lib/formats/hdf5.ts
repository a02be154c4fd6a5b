/**
 * HDF5 files in memory, for Keras `.h5` / `model.weights.h5` export and import. h5wasm (the HDF5 C library
 * compiled to WebAssembly, ~4 MB) is imported on first use only, so the main bundle never carries it.
 * Files live in h5wasm's in-memory file system just for the duration of one call.
 */
import type { File as H5File } from 'h5wasm';

type H5wasm = typeof import('h5wasm').default;

let loading: Promise<{ h5: H5wasm; fs: NonNullable<H5Fs> }> | null = null;
type H5Fs = (typeof import('h5wasm'))['FS'];

/** Loads h5wasm once (the same module in the browser and in node). */
export function loadHdf5(): Promise<{ h5: H5wasm; fs: NonNullable<H5Fs> }> {
  loading ??= import('h5wasm').then(async (mod) => {
    const h5 = mod.default;
    const module = await h5.ready;
    if (!module.FS) throw new Error('The HDF5 library loaded without its in-memory file system.');
    return { h5, fs: module.FS };
  });
  // A failed download must not stick: the next call tries again.
  loading.catch(() => (loading = null));
  return loading;
}

let counter = 0;
/** A fresh path in the in-memory file system, so overlapping calls never share a file. */
function scratchPath(): string {
  counter += 1;
  return `/axon-${Date.now().toString(36)}-${counter}.h5`;
}

/** Builds an HDF5 file with `fill` and returns its bytes. */
export async function writeHdf5(fill: (file: H5File) => void): Promise<Uint8Array> {
  const { h5, fs } = await loadHdf5();
  const path = scratchPath();
  const file = new h5.File(path, 'w');
  try {
    fill(file);
  } finally {
    file.close();
  }
  try {
    return new Uint8Array(fs.readFile(path));
  } finally {
    fs.unlink(path);
  }
}

/** The 8-byte signature every HDF5 file starts with (at offset 0 for files we accept). */
const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

export function looksLikeHdf5(bytes: Uint8Array): boolean {
  return bytes.length >= SIGNATURE.length && SIGNATURE.every((b, i) => bytes[i] === b);
}

/**
 * Opens `bytes` read-only and hands the file to `read`; the file is closed and removed afterwards.
 * Throws an Error naming `name` when the bytes are not an HDF5 file.
 */
export async function readHdf5<T>(bytes: Uint8Array, read: (file: H5File) => T, name = 'the file'): Promise<T> {
  if (!looksLikeHdf5(bytes)) throw new Error(`${name} is not an HDF5 file (its first bytes are not the HDF5 signature).`);
  const { h5, fs } = await loadHdf5();
  const path = scratchPath();
  fs.writeFile(path, bytes);
  let file: H5File | null = null;
  try {
    file = new h5.File(path, 'r');
    return read(file);
  } finally {
    file?.close();
    fs.unlink(path);
  }
}
