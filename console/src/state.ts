// A minimal observable value: the console's few pieces of global state (language, session) re-render the app when
// they change. Preact's own signals package would add a dependency for what ten lines do.
type Listener = () => void;
export interface Signal<T> {
  value: T;
  subscribe(listener: Listener): () => void;
}

export function signal<T>(initial: T): Signal<T> {
  let current = initial;
  const listeners = new Set<Listener>();
  return {
    get value() {
      return current;
    },
    set value(next: T) {
      current = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
