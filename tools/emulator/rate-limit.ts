/**
 * The emulator's rate limit: a token bucket refilled on the emulator's clock.
 *
 * Part of the emulator, an independent oracle on purpose: it shares no code with the handler
 * (lambda/).
 */

/** A token bucket: `burst` requests at once, refilled at `ratePerSecond` on the emulator's clock. */
export interface RateLimit {
  /** Tokens added per second. */
  readonly ratePerSecond: number;
  /** Bucket size (and the initial fill). */
  readonly burst: number;
}

/** The bucket of a `RateLimit`; without a limit every request gets through. */
export class TokenBucket {
  private current?: RateLimit;
  private tokens = 0;
  private at = 0;

  /**
   * @param clock the emulator's clock (epoch milliseconds)
   */
  constructor(private readonly clock: () => number) {}

  /** The limit in force, if any. */
  public get limit(): RateLimit | undefined {
    return this.current;
  }

  /**
   * Sets or removes the limit; the bucket starts full.
   *
   * @param limit the new limit, or `undefined` for none
   */
  public set(limit: RateLimit | undefined): void {
    this.current = limit;
    this.tokens = limit?.burst ?? 0;
    this.at = this.clock();
  }

  /** Takes a token for one request: false when the bucket is empty (the request is throttled). */
  public take(): boolean {
    const limit = this.current;
    if (!limit) return true;
    const now = this.clock();
    const elapsed = Math.max(0, now - this.at) / 1000;
    this.tokens = Math.min(limit.burst, this.tokens + elapsed * limit.ratePerSecond);
    this.at = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
