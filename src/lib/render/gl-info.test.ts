import { describe, expect, it } from 'vitest';
import { isSoftwareRenderer, SOFTWARE_BATCH_TEXTURES, webglContextForPixi } from './gl-info';

describe('isSoftwareRenderer', () => {
  it('recognises software rasterisers and not hardware ones', () => {
    expect(isSoftwareRenderer('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)')).toBe(true);
    expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(isSoftwareRenderer('ANGLE (Microsoft Basic Render Driver Direct3D11)')).toBe(true);
    expect(isSoftwareRenderer('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)')).toBe(false);
    expect(isSoftwareRenderer('Apple M1')).toBe(false);
    expect(isSoftwareRenderer('Mali-G78')).toBe(false);
  });
});

describe('webglContextForPixi', () => {
  const MAX_TEXTURE_IMAGE_UNITS = 0x8872;
  const MAX_TEXTURE_SIZE = 0x0d33;
  /** A canvas whose WebGL 2 context answers like SwiftShader's, remembering the attributes asked for. */
  function fakeCanvas(withGl = true) {
    const asked: { kind: string; attributes: WebGLContextAttributes }[] = [];
    const gl = {
      MAX_TEXTURE_IMAGE_UNITS,
      getParameter: (name: number) => (name === MAX_TEXTURE_IMAGE_UNITS ? 32 : name === MAX_TEXTURE_SIZE ? 8192 : null)
    };
    const canvas = {
      getContext: (kind: string, attributes: WebGLContextAttributes) => {
        asked.push({ kind, attributes });
        return withGl ? gl : null;
      }
    } as unknown as HTMLCanvasElement;
    return { canvas, asked };
  }

  it('reports at most SOFTWARE_BATCH_TEXTURES texture units and passes every other parameter through', () => {
    const { canvas } = fakeCanvas();
    const gl = webglContextForPixi(canvas, { antialias: false, powerPreference: 'high-performance' })!;
    expect(gl.getParameter(MAX_TEXTURE_IMAGE_UNITS)).toBe(SOFTWARE_BATCH_TEXTURES);
    expect(gl.getParameter(MAX_TEXTURE_SIZE)).toBe(8192);
    expect(webglContextForPixi(fakeCanvas().canvas, { antialias: false, powerPreference: 'default' }, 64)!.getParameter(MAX_TEXTURE_IMAGE_UNITS)).toBe(32);
  });

  it('asks for WebGL 2 with the attributes pixi asks for itself (a stencil for masks, opaque)', () => {
    const { canvas, asked } = fakeCanvas();
    webglContextForPixi(canvas, { antialias: true, powerPreference: 'high-performance' });
    expect(asked).toEqual([
      {
        kind: 'webgl2',
        attributes: { alpha: false, premultipliedAlpha: true, stencil: true, preserveDrawingBuffer: false, antialias: true, powerPreference: 'high-performance' }
      }
    ]);
  });

  it('is null where the browser gives no WebGL 2 (pixi then makes its own context)', () => {
    expect(webglContextForPixi(fakeCanvas(false).canvas, { antialias: false, powerPreference: 'default' })).toBeNull();
  });
});
