// Browser defences for every answer (issue 13, L7): a Content-Security-Policy that allows only the
// app's own scripts and styles (no inline script, no eval), no framing by any page
// (frame-ancestors 'none' and X-Frame-Options), no Referer leaving the app. The web app is built
// to run under it: Vite emits external module scripts and one stylesheet, React sets styles through
// the CSSOM (which style-src does not govern), the icon is a data: URL.
import fastifyHelmet from "@fastify/helmet";
import type { FastifyInstance } from "fastify";

export const CONTENT_SECURITY_POLICY: Record<string, string[]> = {
  "default-src": ["'self'"],
  "script-src": ["'self'"],
  "script-src-attr": ["'none'"],
  "style-src": ["'self'"],
  "img-src": ["'self'", "data:"],
  "font-src": ["'self'"],
  "connect-src": ["'self'"],
  "object-src": ["'none'"],
  "base-uri": ["'none'"],
  "form-action": ["'self'"],
  "frame-ancestors": ["'none'"],
};

export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      // upgrade-insecure-requests is left out: it would break the plain-HTTP local install.
      directives: CONTENT_SECURITY_POLICY,
    },
    frameguard: { action: "deny" },
    referrerPolicy: { policy: "no-referrer" },
    // HSTS is the TLS terminator's to send (it knows the host names it serves).
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
}
