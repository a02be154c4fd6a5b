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
