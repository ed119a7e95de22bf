import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The core serves the built page at /agent-budget/; relative asset URLs keep it working there,
// from the Electron window and behind any other prefix.
export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 600,
  },
});
