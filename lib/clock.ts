// The one source of "now": jobs and domain functions take time from here so tests can travel in time.
let override: (() => Date) | undefined;

export function now(): Date {
  return override ? override() : new Date();
}

/** Tests: freeze or move the clock; call with no argument to return to real time. */
export function setClock(fn?: (() => Date) | Date) {
  override = fn === undefined ? undefined : fn instanceof Date ? () => new Date(fn.getTime()) : fn;
}
