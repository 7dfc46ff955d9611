import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// base './' makes dist/ work when copied under any sub-path of any static host.
export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
});
