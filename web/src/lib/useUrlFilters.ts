import { useSearchParams } from 'react-router';

export type FilterValue = string | number | null | undefined;

// A page's filters live in its URL (?org=…&year=…), so a view can be bookmarked and shared.
// `set` applies a patch: an empty value ('', null, undefined) removes its key, and any change
// that does not name `page` sends a paginated list back to its first page.
export function useUrlFilters() {
  const [params, setParams] = useSearchParams();
  const get = (key: string): string | undefined => params.get(key) ?? undefined;
  const set = (patch: Record<string, FilterValue>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined || value === null || value === '') next.delete(key);
      else next.set(key, String(value));
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next);
  };
  return { params, get, set };
}
