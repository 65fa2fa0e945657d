import type { Clock } from '../../src/domain/clock.js';

/**
 * A clock set to any instant that then runs on in real time, so leases, pacing and Retry-After waits
 * still pass while a test jumps between days, DST changes and holidays.
 */
export class MovableClock implements Clock {
  private offsetMs = 0;

  constructor(start: Date | string = new Date()) {
    this.set(start);
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  set(instant: Date | string): void {
    this.offsetMs = new Date(instant).getTime() - Date.now();
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
