import type { Plugin } from 'vite';

/**
 * What the app may load: its own origin, and the model hub for real models (never photos: those never leave).
 * `wasm-unsafe-eval` compiles ONNX Runtime's WASM; `blob:` scripts and workers are how transformers.js loads
 * the cached WASM factory and how decoders start their helpers.
 */
const policy: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'", 'blob:'],
  'worker-src': ["'self'", 'blob:'],
  'connect-src': ["'self'", 'blob:', 'data:', 'https://huggingface.co', 'https://*.huggingface.co', 'https://*.hf.co'],
  'img-src': ["'self'", 'blob:', 'data:'],
  // React sets style attributes (the virtualized grid positions rows that way).
  'style-src': ["'self'", "'unsafe-inline'"],
  'font-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'none'"],
};

function serialize(directives: Record<string, string[]>): string {
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/** The policy as a meta tag can carry it (for static hosting, where headers may not be ours to set). */
export const contentSecurityPolicyMeta = serialize(policy);

/** The policy as a header; `frame-ancestors` only works there. */
export const contentSecurityPolicy = serialize({ ...policy, 'frame-ancestors': ["'none'"] });

/** Cross-origin isolation lets onnxruntime-web use WASM threads (SharedArrayBuffer). */
export const isolationHeaders: Record<string, string> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Headers of the production build (preview, and what a host should send). */
export const securityHeaders: Record<string, string> = {
  ...isolationHeaders,
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/**
 * The decode worker's own policy. A worker takes its policy from its script's response, not from the page; the
 * HEIC decoder (libheif compiled with embind) builds its glue code with `new Function`, so only this worker, which
 * has no DOM and sees nothing but the bytes of the file it decodes, may evaluate code. The same goes for the
 * helper threads libvips (embind too, the shrink-on-load JPEG decoder) starts from the decode worker: they are
 * workers of /vips/vips-es6.js.
 */
export const decodeWorkerPolicy = serialize({
  ...policy,
  'script-src': ["'self'", "'wasm-unsafe-eval'", "'unsafe-eval'", 'blob:'],
  'connect-src': ["'self'", 'blob:', 'data:'],
});

/** Which headers a path gets in the production build. */
export function headersFor(path: string): Record<string, string> {
  if (/\/assets\/decode\.worker-[^/]+\.js$/.test(path) || /\/vips\/vips-es6\.js$/.test(path)) {
    return { ...securityHeaders, 'Content-Security-Policy': decodeWorkerPolicy };
  }
  return securityHeaders;
}

/** Serves the production build's headers per path in `vite preview` (its `headers` option is one set for all). */
export function securityHeadersPreview(): Plugin {
  return {
    name: 'shoebox-security-headers',
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        const headers = headersFor(new URL(req.url ?? '/', 'http://x').pathname);
        for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
        next();
      });
    },
  };
}

/**
 * Writes the policy into the built index.html as a meta tag. Only for builds: the dev server injects inline
 * scripts (hot reload) that the policy rightly refuses, so `npm run dev` runs with the isolation headers alone.
 */
export function cspMetaTag(): Plugin {
  return {
    name: 'shoebox-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicyMeta },
        injectTo: 'head-prepend',
      },
    ],
  };
}
