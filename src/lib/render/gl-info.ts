/**
 * Whether WebGL here is a software rasteriser (SwiftShader in headless Chromium, llvmpipe on Linux without a
 * GPU). There, multisampled antialiasing multiplies the cost of every frame, so the canvases turn it off;
 * on a real GPU it is cheap and stays on.
 */
const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render/i;

export function isSoftwareRenderer(rendererName: string): boolean {
  return SOFTWARE.test(rendererName);
}

let cached: boolean | null = null;

/** Asks a throw-away WebGL context for its renderer's name, once per page. */
export function softwareGL(): boolean {
  if (cached !== null) return cached;
  cached = false;
  try {
    const canvas = document.createElement('canvas');
    const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
    if (gl) {
      const info = gl.getExtension('WEBGL_debug_renderer_info');
      cached = isSoftwareRenderer(String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER)));
      // Browsers allow few live contexts: give this one back now.
      gl.getExtension('WEBGL_lose_context')?.loseContext();
    }
  } catch {
    cached = false;
  }
  return cached;
}

/** Texture units pixi's batches may use on software GL (see webglContextForPixi). */
export const SOFTWARE_BATCH_TEXTURES = 4;

/**
 * The WebGL context pixi draws with on software GL. pixi's batch shader picks each sprite's texture with an
 * if-chain over every texture unit the context reports (32 on SwiftShader), and a software rasteriser pays
 * for that chain at every pixel: the network's frame cost ~10 ms more with 32 than with 4 (a render loop of
 * 2 → 6×8 → 1 in headless Chromium: 31–41 ms a swap, then 21–29 ms). This context reports at most `units`,
 * so pixi's batches hold that many textures (a few more draw calls, far less per pixel). The attributes are
 * the ones pixi asks for when it makes the context itself. Null when the browser gives no WebGL.
 */
export function webglContextForPixi(
  canvas: HTMLCanvasElement,
  options: { antialias: boolean; powerPreference: WebGLPowerPreference },
  units = SOFTWARE_BATCH_TEXTURES
): WebGL2RenderingContext | null {
  const attributes: WebGLContextAttributes = { alpha: false, premultipliedAlpha: true, stencil: true, preserveDrawingBuffer: false, ...options };
  const gl = canvas.getContext('webgl2', attributes);
  if (!gl) return null;
  const getParameter = gl.getParameter.bind(gl);
  gl.getParameter = (name: GLenum) => {
    const value = getParameter(name);
    return name === gl.MAX_TEXTURE_IMAGE_UNITS ? Math.min(units, value as number) : value;
  };
  return gl;
}
