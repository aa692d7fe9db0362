/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

// No @vitejs/plugin-react: esbuild's automatic JSX runtime handles React (docs/architecture.md,
// "Web UI"). Pages are split with React.lazy; ECharts is only ever imported dynamically.
export default defineConfig({
  esbuild: { jsx: 'automatic' },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
  build: {
    outDir: 'dist',
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      // antd and react-router mark their modules "use client" (for React Server Components);
      // meaningless in a plain SPA bundle.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
      output: {
        manualChunks(id) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) {
            return 'echarts';
          }
          return undefined;
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
    css: false,
    // antd form and page tests (tables, several inputs) on 2 shared cores can pass 20 s.
    testTimeout: 60000,
  },
});
