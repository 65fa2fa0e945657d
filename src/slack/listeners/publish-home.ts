import type { WebClient } from '@slack/web-api';
import { findPersonById } from '../../db/queries/people.js';
import { managerDaySoFar } from '../../domain/coaching/digest-input.js';
import { openOpportunitiesOf, repsWhoseDealsActorMayEdit } from '../../domain/opportunities/service.js';
import { repWeek } from '../../domain/rankings/rep-week.js';
import { standingsFailuresFor } from '../../domain/rankings/requests.js';
import { type Actor, identifyActor } from '../../domain/roster/actor.js';
import { homeSettings } from '../../domain/roster/listing.js';
import { buildHomeView, type HomeExtras } from '../views/home.js';
import { HOME_OPPORTUNITY_ROWS, REP_MENU_OPTIONS } from '../views/opportunities.js';
import type { ListenerDeps } from './deps.js';

/**
 * Draws a person's Home tab from what the roster says now. Used when the tab opens and after every
 * change made from it (which passes the actor it already identified, sparing a second users.info;
 * only their row is read again, as the change may have altered it).
 * When the settings cannot be loaded the tab still shows, with a notice. `notice` (a refusal of what
 * the viewer just tried, mrkdwn) is shown at the top of this drawing only.
 *
 * Never rejects: a failed publish is logged here. Every caller draws the tab after the change it was
 * asked for is already stored (or refused), so a redraw Slack did not take must neither skip the
 * caller's remaining work (a DM, another view) nor reach the error handler, whose "something went
 * wrong" would send the person to repeat a change that was made. The next app_home_opened redraws.
 */
export async function publishHome(
  deps: ListenerDeps,
  client: WebClient,
  workspaceId: string,
  slackUserId: string,
  known?: Actor,
  { notice }: { notice?: string } = {},
): Promise<void> {
  let settings: Awaited<ReturnType<typeof homeSettings>> | undefined;
  const extras: HomeExtras = notice === undefined ? {} : { notice };
  try {
    // A known actor's row is read afresh: the tab is redrawn right after a change it does not show yet.
    const actor = known
      ? { ...known, person: known.person && (await findPersonById(deps.db, known.person.id)) }
      : await identifyActor(deps.db, deps.clock, deps.directory, workspaceId, slackUserId);
    settings = await homeSettings(deps.db, deps.clock, actor, deps.defaultTimeZone);
    extras.opportunities = await openOpportunitiesOf(deps.db, actor, HOME_OPPORTUNITY_ROWS);
    extras.repsWithDeals = await repsWhoseDealsActorMayEdit(
      deps.db,
      actor,
      settings.reports,
      REP_MENU_OPTIONS,
    );
    extras.repMenuKey = deps.clock.now().getTime().toString(36);
    extras.standingsFailures = await standingsFailuresFor(deps.db, actor);
    extras.week = await repWeek(deps.standings, actor);
    if (actor.person && settings.reports && settings.reports.length > 0) {
      extras.today = await managerDaySoFar(deps.db, deps.clock, actor.person, {
        defaultTimeZone: deps.defaultTimeZone,
        promptGraceMinutes: deps.promptGraceMinutes,
      });
    }
  } catch (error) {
    deps.logger.warn({ err: error, workspaceId }, 'could not load Home tab settings');
  }
  try {
    await client.views.publish({ user_id: slackUserId, view: buildHomeView(settings, extras) });
  } catch (error) {
    deps.logger.error({ err: error, workspaceId, slackUserId }, 'could not publish the Home tab');
  }
}
