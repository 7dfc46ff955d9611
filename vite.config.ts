import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { embeddedBrokerPlugin } from './src/embedded-broker/vitePlugin.ts';

// base './' makes dist/ work when copied under any sub-path of any static host.
export default defineConfig({
  base: './',
  plugins: [
    react(),
    // The embedded MQTT broker for `npm start` (dev server only; never in the static build).
    embeddedBrokerPlugin(),
    // A classroom's network is not to be trusted: after the first visit the site works offline
    // (simulation, lessons, import and export), from a service worker that precaches the build.
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script-defer',
      manifest: {
        name: 'Keep-alive lab',
        short_name: 'Keep-alive lab',
        description:
          'See how MQTT keeps connections alive: keep alive, pings, timeouts, wills and take-overs.',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#f6f7f9',
        theme_color: '#1f6feb',
        icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,json,webmanifest}'],
        // The page's chunks are large (the simulation, the lessons): all of them are kept.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: 'index.html',
      },
    }),
  ],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    rolldownOptions: {
      output: {
        // The libraries in chunks of their own: they change far less often than the app (a new version
        // of the app reuses them from the cache), and no chunk grows past the 500 kB warning.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            {
              name: 'd3',
              test: /node_modules[\\/](d3-[a-z-]+|d3|internmap|delaunator|robust-predicates)[\\/]/,
            },
          ],
        },
      },
    },
  },
});
