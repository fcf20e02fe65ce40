import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { bundledScenarios } from './src/app/lab/scenarios-plugin.ts';

// The built app must never reach another origin: lessons are embedded in third-party docs pages, and a
// learner's browser should not leak which page they read. The policy goes into the built page only, because
// the dev server injects inline scripts for React Fast Refresh that a strict policy would block.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // React and d3 set style properties at runtime; CSSOM writes are allowed anyway, inline attributes are not.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'reconcile-lab:csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  // Relative asset URLs, so the same build works at the site root, under any sub-path and inside an iframe.
  base: './',
  plugins: [
    react(),
    bundledScenarios(),
    contentSecurityPolicy(),
    // Offline after one visit (a speaker's venue Wi-Fi, a learner on a train): the service worker precaches the
    // whole build. It registers from an external script, which the CSP allows, and stays inside the page's own
    // folder, so a docs site hosting the lab under /lab/ keeps it there.
    VitePWA({
      injectRegister: 'script',
      registerType: 'autoUpdate',
      scope: './',
      base: './',
      manifest: {
        name: 'Reconcile Lab',
        short_name: 'Reconcile Lab',
        description: 'The Kubernetes reconciliation loop, running in your browser.',
        display: 'standalone',
        start_url: './',
        scope: './',
        background_color: '#0f172a',
        theme_color: '#0f172a',
        icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        // The lazily loaded editor and the CAPI chunks must be there offline too.
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  build: {
    target: 'es2022',
    outDir: 'dist',
    sourcemap: true,
  },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
