import type { Db } from '../../db/database.js';
import type { Clock } from '../../domain/clock.js';
import type { Logger } from '../../logger.js';

/** What listeners may use: the database handle (passed on to domain functions), the clock, a logger. */
export interface ListenerDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Preselected in the "Log a sale" form. */
  defaultCurrency: string;
}
