// The current time as rules see it. Rules are pure functions of their input, but a few findings
// depend on the date (a certificate that has expired); the clock is the one place they read it, so
// tests can fix it.

let current: () => Date = () => new Date();

/** The current time. */
export function now(): Date {
  return current();
}

/** Replaces the clock (tests); returns a function that restores the previous one. */
export function setClock(clock: () => Date): () => void {
  const previous = current;
  current = clock;
  return () => {
    current = previous;
  };
}
