import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A route served on the bot's port next to Slack's: by Bolt (its customRoutes) once Slack is
 * configured, by the setup server before.
 */
export interface HttpRoute {
  path: string;
  method: 'GET';
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}
