// Vite config of the playground: `npm run demo` (dev server on
// http://localhost:5173) or `npx vite build demo` (static site in demo/dist).
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  // monty-wasm finds its .wasm with new URL('./monty.wasm', import.meta.url):
  // keep the dev server from pre-bundling it elsewhere.
  optimizeDeps: { exclude: ['monty-wasm'] },
  worker: { format: 'es' },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  server: {
    port: 5173,
    strictPort: true,
    // monty-wasm is linked from ../npm-package (a file: dependency).
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
  },
});
