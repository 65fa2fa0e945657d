/** What `npm start` prints when no Slack credentials are set: how to get from here to a working bot. */
export function buildSetupGuide(details: { port: number; database: string; missing: string[] }): string {
  return `
Sales Coach is running, but not connected to Slack yet.

  Database  ${details.database} (migrations applied)
  Health    http://localhost:${details.port}/healthz and http://localhost:${details.port}/readyz
  Missing   ${details.missing.join(', ')}

To connect it to Slack:
  1. Create the Slack app from the manifest: https://api.slack.com/apps -> Create New App ->
     From an app manifest -> pick your workspace -> paste manifest.yml from this folder.
     Either replace https://coach.example.com in it with the public HTTPS address of this bot,
     or set socket_mode_enabled: true to run without a public address (Socket Mode).
  2. Install the app to your workspace (Install App in the app's settings).
  3. Copy .env.example to .env and fill in:
       SLACK_BOT_TOKEN        OAuth & Permissions -> Bot User OAuth Token (xoxb-...)
       SLACK_SIGNING_SECRET   Basic Information -> App Credentials -> Signing Secret
     and, for Socket Mode:
       SLACK_APP_TOKEN        Basic Information -> App-Level Tokens -> generate one with the
                              connections:write scope (xapp-...)
  4. Run npm start again. README.md explains every variable and production setups.
  5. Over HTTP: in the app's settings -> Event Subscriptions, click Retry next to the Request URL
     if it is not marked Verified (Slack checked it before this bot could answer); until then Slack
     sends no events.

Stop with Ctrl-C.
`;
}
