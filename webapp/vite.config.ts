import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

// The build goes straight into the Maven module's classes, under the resource path the platform serves
// (io.viberglass.platform.infra.web.WebAppServlet reads assets/webapp/ from the classpath).
export default defineConfig({
  plugins: [react(), tailwindcss()],
  build: {
    outDir: 'target/classes/assets/webapp',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 800,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:8080', '/health': 'http://localhost:8080' },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['src/test/setup.ts'],
    css: false,
    include: ['src/**/*.test.{ts,tsx}'],
    // jsdom page tests type and click like a user; other builds may share the machine's two cores
    testTimeout: 60_000,
  },
});
