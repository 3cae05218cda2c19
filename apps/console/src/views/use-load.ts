import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { problemOf } from '../api/gateway-client';
import { type ShownProblem } from '../api/problem';

/** What a page loaded: the data, or the problem that stopped it, and a way to load again. */
export interface Loaded<T> {
  readonly data: T | undefined;
  readonly problem: ShownProblem | undefined;
  readonly loading: boolean;
  readonly reload: () => void;
}

/** Loads `load()` when `key` changes; a reload keeps the old data on screen until the new arrives. */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [problem, setProblem] = useState<ShownProblem | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const latest = useRef(0);
  const loader = useRef(load);
  loader.current = load;
  // Data is shown only under the key it was loaded for: after a key change, the render before the
  // effect runs would otherwise show the old key's data as the new one's.
  const currentKey = useRef(key);
  currentKey.current = key;
  const [dataKey, setDataKey] = useState<string | undefined>(undefined);

  const reload = useCallback(() => {
    const ticket = ++latest.current;
    const forKey = currentKey.current;
    setLoading(true);
    loader.current().then(
      (value) => {
        if (ticket !== latest.current) return; // a newer load answers instead
        setData(value);
        setDataKey(forKey);
        setProblem(undefined);
        setLoading(false);
      },
      (error: unknown) => {
        if (ticket !== latest.current) return;
        setProblem(problemOf(error));
        setLoading(false);
      },
    );
  }, []);

  useEffect(() => {
    setData(undefined);
    reload();
  }, [key, reload]);

  return { data: dataKey === key ? data : undefined, problem, loading, reload };
}
