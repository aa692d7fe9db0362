import { createContext, useCallback, useContext, useEffect, useState } from 'react';

const kKey = 'ptdv.largeText';

export function readLargeText(): boolean {
  try {
    return localStorage.getItem(kKey) === '1';
  } catch {
    return false;
  }
}

// The larger-text switch for older users, remembered in localStorage.
export function useLargeText(): [boolean, (on: boolean) => void] {
  const [large, setLarge] = useState(readLargeText);
  useEffect(() => {
    document.documentElement.classList.toggle('large-text', large);
  }, [large]);
  const set = useCallback((on: boolean) => {
    setLarge(on);
    try {
      localStorage.setItem(kKey, on ? '1' : '0');
    } catch {
      // Not persisted; the switch still works for this page.
    }
  }, []);
  return [large, set];
}

export const LargeTextContext = createContext<[boolean, (on: boolean) => void]>([false, () => undefined]);

export function useLargeTextSwitch(): [boolean, (on: boolean) => void] {
  return useContext(LargeTextContext);
}
