import { useEffect, useState } from 'react';

// True on phone widths (below 768 px), where tables give way to stacked cards.
const kQuery = '(max-width: 767px)';

export function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(() => typeof window !== 'undefined' && !!window.matchMedia?.(kQuery).matches);
  useEffect(() => {
    const list = window.matchMedia?.(kQuery);
    if (!list) return;
    const update = () => setNarrow(list.matches);
    update();
    list.addEventListener('change', update);
    return () => list.removeEventListener('change', update);
  }, []);
  return narrow;
}
