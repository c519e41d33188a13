/**
 * A discrete-event scheduler on a virtual clock, for the model-based test: every task (a
 * Lambda delivery, CloudFormation, the receiver, another owner) runs alone until it blocks on a
 * timer (its sleeps, or a request held at the emulator until its network latency has passed),
 * then the earliest timer resumes. Ties go to the earlier timer. One task at a time and timers
 * in a total order make a history deterministic, whatever the real machine's speed; the
 * clock moves only when a timer fires, so a 67 s sweep wait costs no real time.
 *
 * A task must block only through `sleep`, `hold` or `waitUntil`, and do at most one thing at a
 * time (the handler's requests are sequential): the scheduler steps when every live task is
 * blocked.
 */

/** A task's name and what it is doing, for the trace of a failing history. */
export interface Task {
  readonly name: string;
  readonly id: number;
}

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly task: Task;
  readonly resume: () => void;
}

interface Waiter {
  readonly seq: number;
  readonly task: Task;
  readonly ready: () => boolean;
  readonly resume: () => void;
}

/** Thrown when a history does not settle: more steps than allowed, or tasks blocked forever. */
export class SchedulerStuck extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchedulerStuck';
  }
}

/** The scheduler of one history. */
export class Scheduler {
  /** The virtual time, epoch ms. */
  public now: number;
  /** The task that runs now (the one last resumed). */
  public current: Task | undefined;
  /** Steps taken. */
  public steps = 0;

  private readonly timers: Timer[] = [];
  private readonly waiters: Waiter[] = [];
  private alive = 0;
  private seq = 0;
  private taskSeq = 0;
  private stepping = false;
  private failure: unknown;
  private done?: () => void;
  private afterStep: Array<(task: Task | undefined) => void> = [];

  constructor(start: number, private readonly maxSteps = 20_000) {
    this.now = start;
  }

  /** The clock as a function, for the handler, the emulator and the driver. */
  public readonly clock = (): number => this.now;

  /** Calls `fn` after every step with the task that ran (to see what it changed). */
  public onStep(fn: (task: Task | undefined) => void): void {
    this.afterStep.push(fn);
  }

  /**
   * Starts a task at virtual time `at` (default: now, after the current task blocks). A task
   * that throws fails the whole run.
   */
  public spawn(name: string, fn: () => Promise<void>, at = this.now): Task {
    const task: Task = { name, id: ++this.taskSeq };
    this.alive++;
    this.timers.push({
      at,
      seq: ++this.seq,
      task,
      resume: () => {
        void Promise.resolve().then(fn).then(
          () => this.finish(),
          (e: unknown) => {
            this.failure ??= e;
            this.finish();
          },
        );
      },
    });
    this.poke();
    return task;
  }

  /** Blocks the current task for `ms` of virtual time. */
  public sleep(ms: number): Promise<void> {
    return this.timer(this.now + Math.max(0, ms));
  }

  /** Blocks the current task until virtual time `at`. */
  public timer(at: number): Promise<void> {
    const task = this.current ?? { name: '?', id: 0 };
    return new Promise<void>((resolve) => {
      this.timers.push({ at, seq: ++this.seq, task, resume: resolve });
      this.poke();
    });
  }

  /**
   * Blocks the current task until `ready()` holds (checked before each step, in the order the
   * tasks began waiting) or until `at` (virtual time), whichever is first.
   *
   * @returns whether `ready()` held
   */
  public waitUntil(ready: () => boolean, at: number): Promise<boolean> {
    const task = this.current ?? { name: '?', id: 0 };
    return new Promise<boolean>((resolve) => {
      let settled = false;
      const w: Waiter = {
        seq: ++this.seq,
        task,
        ready,
        resume: () => {
          if (settled) return;
          settled = true;
          const i = this.timers.indexOf(t);
          if (i >= 0) this.timers.splice(i, 1);
          resolve(true);
        },
      };
      const t: Timer = {
        at,
        seq: ++this.seq,
        task,
        resume: () => {
          if (settled) return;
          settled = true;
          const i = this.waiters.indexOf(w);
          if (i >= 0) this.waiters.splice(i, 1);
          resolve(false);
        },
      };
      this.waiters.push(w);
      this.timers.push(t);
      this.poke();
    });
  }

  /** Runs until every task has ended; rejects with the first task's error or when stuck. */
  public run(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.done = () => (this.failure !== undefined ? reject(this.failure) : resolve());
      this.poke();
    });
  }

  private finish(): void {
    this.alive--;
    this.poke();
  }

  private blocked(): number {
    // A waiter has its timer too: count the task once.
    return this.timers.length;
  }

  /** Schedules a step once every live task is blocked. */
  private poke(): void {
    if (this.stepping) return;
    if (this.alive > 0 && this.blocked() < this.alive) return;
    this.stepping = true;
    // Let the promise callbacks of the task that just blocked run out first.
    setImmediate(() => {
      this.stepping = false;
      this.step();
    });
  }

  private step(): void {
    if (this.alive > 0 && this.blocked() < this.alive) return;
    for (const fn of this.afterStep) fn(this.current);
    if (this.failure !== undefined || this.alive === 0) {
      const done = this.done;
      if (this.alive === 0 && done) {
        this.done = undefined;
        done();
      } else if (this.failure !== undefined && done) {
        this.done = undefined;
        done();
      }
      return;
    }
    if (++this.steps > this.maxSteps) {
      this.failure = new SchedulerStuck(`more than ${this.maxSteps} steps`);
      const done = this.done;
      this.done = undefined;
      done?.();
      return;
    }
    const ready = this.waiters.find((w) => w.ready());
    if (ready) {
      this.waiters.splice(this.waiters.indexOf(ready), 1);
      this.current = ready.task;
      ready.resume();
      return;
    }
    let next = 0;
    for (let i = 1; i < this.timers.length; i++) {
      const a = this.timers[i];
      const b = this.timers[next];
      if (a.at < b.at || (a.at === b.at && a.seq < b.seq)) next = i;
    }
    const t = this.timers.splice(next, 1)[0];
    this.now = Math.max(this.now, t.at);
    this.current = t.task;
    t.resume();
  }
}
