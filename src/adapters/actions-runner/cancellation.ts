// What a run has started that must not outlive it (the smoke test's
// containers). The entry point owns the process: when the job is cancelled
// (SIGINT / SIGTERM) it asks the run to stop what it tracks here, then exits.
// Library code never handles a signal nor ends the process itself.

/** Work the run started that can be stopped early: stop() removes what it created. */
export interface Stoppable {
  stop(): Promise<void>
}

export class RunCancellation {
  readonly #tracked = new Set<Stoppable>()
  #cancelling: Promise<void> | undefined

  /** Until the returned function is called, cancelling the run stops `work`. */
  track(work: Stoppable): () => void {
    this.#tracked.add(work)
    return () => {
      this.#tracked.delete(work)
    }
  }

  /** True while a cancel has something to stop, or is stopping it. */
  get tracking(): boolean {
    return this.#tracked.size > 0 || this.#cancelling !== undefined
  }

  /**
   * Stops everything tracked, together; one that fails does not keep the others from stopping. A second
   * cancel (the runner's SIGTERM after its SIGINT) waits for the first.
   */
  cancel(): Promise<void> {
    this.#cancelling ??= Promise.allSettled([...this.#tracked].map(work => work.stop())).then(() => {
      this.#tracked.clear()
    })
    return this.#cancelling
  }
}
