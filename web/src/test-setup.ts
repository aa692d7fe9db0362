import { afterEach } from 'vitest';
import { cleanup, configure } from '@testing-library/react';

afterEach(async () => {
  cleanup();
  // antd's message toasts close on a 3 s timer that would fire after jsdom is gone.
  const { message } = await import('antd');
  message.destroy();
  // Let React's scheduler finish what unmounting queued before jsdom is torn down.
  await new Promise((resolve) => setTimeout(resolve, 50));
});

// Pages render antd tables and forms; on 2 shared cores the first paint can pass 1 s.
configure({ asyncUtilTimeout: 8000 });

// antd reads these in jsdom.
if (!window.matchMedia) {
  Object.defineProperty(window, 'matchMedia', {
    value: (query: string) => ({
      matches: false, media: query, onchange: null,
      addListener: () => undefined, removeListener: () => undefined,
      addEventListener: () => undefined, removeEventListener: () => undefined, dispatchEvent: () => false,
    }),
  });
}
if (!(window as unknown as { ResizeObserver?: unknown }).ResizeObserver) {
  (window as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}
if (!window.getComputedStyle) {
  window.getComputedStyle = () => ({ getPropertyValue: () => '' }) as unknown as CSSStyleDeclaration;
}

// jsdom implements getComputedStyle without pseudo-elements (antd's Table asks for ::-webkit-scrollbar).
const computedStyle = window.getComputedStyle.bind(window);
window.getComputedStyle = ((element: Element) => computedStyle(element)) as typeof window.getComputedStyle;
