/**
 * Counts the frames (image descriptors) of a GIF by walking its blocks as a decoder does: header, colour
 * tables, extensions and images. For tests of recordings; throws on anything that is not a well-formed GIF89a.
 */
export function gifFrameCount(bytes: Uint8Array): number {
  if (String.fromCharCode(...bytes.subarray(0, 6)) !== 'GIF89a') throw new Error('not a GIF89a file');
  let i = 13;
  if (bytes[10] & 0x80) i += 3 * (1 << ((bytes[10] & 7) + 1));
  const skipSubBlocks = () => {
    while (bytes[i] !== 0) i += bytes[i] + 1;
    i++;
  };
  let frames = 0;
  while (i < bytes.length) {
    const block = bytes[i++];
    if (block === 0x3b) return frames;
    if (block === 0x21) {
      i++;
      skipSubBlocks();
    } else if (block === 0x2c) {
      frames++;
      const packed = bytes[i + 8];
      i += 9;
      if (packed & 0x80) i += 3 * (1 << ((packed & 7) + 1));
      i++; // LZW minimum code size
      skipSubBlocks();
    } else throw new Error(`unexpected GIF block 0x${block.toString(16)} at byte ${i - 1}`);
  }
  throw new Error('the GIF has no trailer');
}
