import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { embeddedBrokerPlugin } from './src/embedded-broker/vitePlugin.ts';

// base './' makes dist/ work when copied under any sub-path of any static host.
export default defineConfig({
  base: './',
  // The embedded MQTT broker for `npm start` (dev server only; never in the static build).
  plugins: [react(), embeddedBrokerPlugin()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
});
