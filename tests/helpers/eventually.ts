/**
 * Retries `assertion` until it passes or `timeoutMs` elapses, then rethrows its last error.
 * Tests wait for conditions, never for fixed sleeps.
 */
export async function eventually<T>(assertion: () => T | Promise<T>, timeoutMs = 5_000, intervalMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
