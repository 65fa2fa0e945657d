import type { App } from '@slack/bolt';
import { CHECK_IN_ACTIONS, CHECK_IN_MODALS } from '../views/check-in.js';
import { DEAL_REVIEW_ACTIONS, DEAL_REVIEW_MODALS } from '../views/deal-review.js';
import { COMMITMENT_LIST_ACTIONS, FOLLOW_UP_ACTIONS } from '../views/follow-ups.js';
import { HOME_ACTIONS, HOME_MODALS } from '../views/home.js';
import { OPPORTUNITY_ACTIONS, OPPORTUNITY_MODAL, REP_OPPORTUNITY_ACTIONS } from '../views/opportunities.js';
import { TOUR_CALLBACK_ID, TOUR_OPEN_ACTION_ID } from '../views/tour.js';
import { checkInButtonCallback } from './actions/check-in-buttons.js';
import { openCommitmentListCallback, turnCommitmentListPageCallback } from './actions/commitment-list.js';
import { reviewBackCallback } from './actions/deal-review-back.js';
import {
  commitmentListDoneCallback,
  followUpButtonCallback,
  homeCommitmentDoneCallback,
} from './actions/follow-up-buttons.js';
import {
  editTeamCallback,
  homeClearOutOfOfficeCallback,
  homePauseCallback,
  openOutOfOfficeCallback,
  openPromptTimeCallback,
} from './actions/home-settings.js';
import { openTourCallback } from './actions/open-tour.js';
import { openAddOpportunityCallback, openEditOpportunityCallback } from './actions/opportunity-buttons.js';
import {
  openOwnOpportunitiesCallback,
  openRepOpportunitiesCallback,
  pushEditRepOpportunityCallback,
  turnRepOpportunitiesPageCallback,
} from './actions/rep-opportunities.js';
import { coachCommandCallback } from './commands/coach.js';
import { dealReviewCommandCallback } from './commands/deal-review.js';
import { rankingCommandCallback } from './commands/ranking.js';
import type { ListenerDeps } from './deps.js';
import { appHomeOpenedCallback } from './events/app-home-opened.js';
import { directMessageCallback } from './events/direct-message.js';
import { appUninstalledCallback, tokensRevokedCallback } from './events/uninstall.js';
import { checkInAnswerCallback } from './views/check-in-answers.js';
import { repPickedCallback, reviewClosedCallback, reviewSubmissionCallback } from './views/deal-review.js';
import {
  outOfOfficeSubmissionCallback,
  promptTimeSubmissionCallback,
  teamSubmissionCallback,
} from './views/home-settings.js';
import { opportunitySubmissionCallback } from './views/opportunity-form.js';
import { tourStepCallback } from './views/tour-step.js';

/** The part of Bolt's App that registration uses, so a test can record what gets registered. */
export type ListenerRegistry = Pick<App, 'command' | 'event' | 'action' | 'view' | 'shortcut'>;

/** Every listener the bot has, grouped by Slack surface. The manifest must declare each of them. */
export function registerListeners(app: ListenerRegistry, deps: ListenerDeps): void {
  // Slash commands
  app.command('/coach', coachCommandCallback(deps));
  app.command('/dealreview', dealReviewCommandCallback(deps));
  app.command('/ranking', rankingCommandCallback(deps));

  // Events
  app.event('app_home_opened', appHomeOpenedCallback(deps));
  app.event('message', directMessageCallback(deps));
  app.event('app_uninstalled', appUninstalledCallback(deps));
  app.event('tokens_revoked', tokensRevokedCallback(deps));

  // Interactivity: block actions and modal submissions
  app.action(TOUR_OPEN_ACTION_ID, openTourCallback);
  app.view(TOUR_CALLBACK_ID, tourStepCallback);
  // App Home settings
  app.action(HOME_ACTIONS.pause, homePauseCallback(deps, true));
  app.action(HOME_ACTIONS.resume, homePauseCallback(deps, false));
  app.action(HOME_ACTIONS.clearOutOfOffice, homeClearOutOfOfficeCallback(deps));
  app.action(HOME_ACTIONS.openOutOfOffice, openOutOfOfficeCallback(deps));
  app.action(HOME_ACTIONS.openPromptTime, openPromptTimeCallback);
  app.action(HOME_ACTIONS.editTeam, editTeamCallback(deps));
  app.view(HOME_MODALS.outOfOffice, outOfOfficeSubmissionCallback(deps));
  app.view(HOME_MODALS.promptTime, promptTimeSubmissionCallback(deps));
  app.view(HOME_MODALS.team, teamSubmissionCallback(deps));
  // A rep's opportunities on the App Home
  app.action(OPPORTUNITY_ACTIONS.add, openAddOpportunityCallback(deps));
  app.action(OPPORTUNITY_ACTIONS.edit, openEditOpportunityCallback(deps));
  app.action(OPPORTUNITY_ACTIONS.seeAll, openOwnOpportunitiesCallback(deps));
  app.view(OPPORTUNITY_MODAL, opportunitySubmissionCallback(deps));
  // A rep's opportunities, opened by their manager or an admin from the Home's menu
  app.action(REP_OPPORTUNITY_ACTIONS.pickRep, openRepOpportunitiesCallback(deps));
  app.action(REP_OPPORTUNITY_ACTIONS.edit, pushEditRepOpportunityCallback(deps));
  app.action(REP_OPPORTUNITY_ACTIONS.previousPage, turnRepOpportunitiesPageCallback(deps, -1));
  app.action(REP_OPPORTUNITY_ACTIONS.nextPage, turnRepOpportunitiesPageCallback(deps, 1));
  for (const actionId of Object.values(CHECK_IN_ACTIONS)) {
    app.action(actionId, checkInButtonCallback(deps, actionId));
  }
  for (const callbackId of Object.values(CHECK_IN_MODALS)) {
    app.view(callbackId, checkInAnswerCallback(deps, callbackId));
  }
  // The deal review modal
  app.view(DEAL_REVIEW_MODALS.picker, repPickedCallback(deps));
  app.view(DEAL_REVIEW_MODALS.review, reviewSubmissionCallback(deps));
  app.view({ callback_id: DEAL_REVIEW_MODALS.review, type: 'view_closed' }, reviewClosedCallback(deps));
  app.action(DEAL_REVIEW_ACTIONS.back, reviewBackCallback(deps));
  // Commitment follow-ups (daily DM, digest, Home tab)
  app.action(FOLLOW_UP_ACTIONS.done, followUpButtonCallback(deps, 'done'));
  app.action(FOLLOW_UP_ACTIONS.notYet, followUpButtonCallback(deps, 'not_yet'));
  app.action(FOLLOW_UP_ACTIONS.homeDone, homeCommitmentDoneCallback(deps));
  // The whole list "See all" opens from the Home (a modal without submit: no view callback)
  app.action(FOLLOW_UP_ACTIONS.seeAll, openCommitmentListCallback(deps));
  app.action(COMMITMENT_LIST_ACTIONS.done, commitmentListDoneCallback(deps));
  app.action(COMMITMENT_LIST_ACTIONS.previousPage, turnCommitmentListPageCallback(deps, -1));
  app.action(COMMITMENT_LIST_ACTIONS.nextPage, turnCommitmentListPageCallback(deps, 1));
}
