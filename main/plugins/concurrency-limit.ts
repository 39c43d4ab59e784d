/**
 * Runs at most `limit` tasks at once, the rest in order as slots free up. Starting a host
 * forks the main process synchronously, so fifty at once would stall the editor for seconds;
 * a few at a time keeps each stall short and the two cores busy rather than thrashing.
 */
export function concurrencyLimit(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    running--;
    waiting.shift()?.();
  };
  return <T>(task: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      const run = () => {
        running++;
        // A new turn of the event loop for each start, so input and I/O are served in between.
        setImmediate(() => task().then(resolve, reject).finally(release));
      };
      if (running < limit) run();
      else waiting.push(run);
    });
}
