import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { setupProgress } from '../../../src/domain/roster/getting-started.js';
import type { HomeSettings, RosterEntry, TeamSummary } from '../../../src/domain/roster/listing.js';
import { parseCoachCommand } from '../../../src/slack/listeners/commands/coach-grammar.js';
import {
  buildHomeView,
  buildOutOfOfficeModal,
  buildPromptTimeModal,
  buildTeamModal,
  HOME_ACTIONS,
  HOME_FIELDS,
  HOME_MODALS,
  HOME_NOTICE_BLOCK,
  parseTeamModalMetadata,
  readOutOfOfficeSubmission,
  readPromptTimeSubmission,
  readTeamSubmission,
} from '../../../src/slack/views/home.js';
import { REP_OPPORTUNITY_ACTIONS } from '../../../src/slack/views/opportunities.js';
import { TOUR_OPEN_ACTION_ID } from '../../../src/slack/views/tour.js';
import { typedCoachCommands } from '../../support/blocks.js';

function entry(overrides: Partial<RosterEntry>): RosterEntry {
  return {
    slackUserId: 'UREP1',
    displayName: 'Rita Rep',
    isRep: true,
    isManager: false,
    isAdmin: false,
    teamName: 'EMEA',
    managerSlackUserId: 'UMGR',
    promptTime: '09:00',
    promptTimeSource: 'team',
    paused: false,
    outOfOffice: [],
    inactiveReason: null,
    questionSet: null,
    ...overrides,
  };
}

const team: TeamSummary = {
  id: 7,
  name: 'EMEA',
  managerSlackUserId: 'UMGR',
  standingsChannelId: 'C0STAND',
  promptTime: '08:30',
  workdays: [1, 2, 3, 4],
  holidayCountry: 'FR',
  timeZone: 'Europe/Paris',
  reminderDelayMinutes: 90,
  standingsWeekday: 5,
  standingsTime: '16:30',
  standingsMetric: 'deals',
  reportingCurrency: 'EUR',
};

type AnyBlock = KnownBlock & {
  block_id?: string;
  text?: { text: string };
  elements?: Array<{ action_id?: string; value?: string; text?: { text: string } }>;
  accessory?: { action_id?: string; value?: string };
};

const blocksOf = (settings: HomeSettings | undefined) => buildHomeView(settings).blocks as AnyBlock[];
const textOf = (blocks: AnyBlock[]) => blocks.map((block) => block.text?.text ?? '').join('\n');
const actionsOf = (blocks: AnyBlock[]) =>
  blocks.flatMap((block) => [
    ...(block.elements ?? []).map((element) => element.action_id),
    ...(block.accessory ? [block.accessory.action_id] : []),
  ]);

/** The Block Kit limits Slack enforces on a Home tab that the stand-in does not check. */
function expectValidHome(blocks: AnyBlock[]) {
  expect(blocks.length).toBeLessThanOrEqual(100);
  const ids = blocks.map((block) => block.block_id).filter((id) => id !== undefined);
  expect(new Set(ids).size).toBe(ids.length);
  for (const block of blocks) {
    if (block.type === 'section') expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
    if (block.type === 'header') expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(150);
  }
}

describe('buildHomeView', () => {
  it('keeps what the bot is for and the tour for everyone', () => {
    for (const settings of [undefined, { me: undefined, reports: undefined, teams: undefined }]) {
      const blocks = blocksOf(settings);
      expect(textOf(blocks)).toContain('I help sales teams coach a little every day');
      expect(actionsOf(blocks)).toContain(TOUR_OPEN_ACTION_ID);
      expectValidHome(blocks);
    }
    expect(textOf(blocksOf(undefined))).toContain('I could not load your settings just now');
    expect(textOf(blocksOf({ me: undefined, reports: undefined, teams: undefined }))).toContain(
      'You are not on the roster yet, so I send you no daily check-in. Ask your manager or an admin to add you.',
    );
  });

  it('names whom to ask on the tab of someone not on the roster, as the domain wrote it', () => {
    const ask = 'Ask your manager or an admin (<@UADMIN>) or a Slack workspace admin to add you.';
    const blocks = blocksOf({ me: undefined, reports: undefined, teams: undefined, askToBeAdded: ask });
    expect(blocks.find((block) => block.block_id === 'home_not_on_roster')?.text?.text).toBe(
      `You are not on the roster yet, so I send you no daily check-in. ${ask}`,
    );
  });

  it('shows a rep their own settings with Pause, Out of office… and Prompt time…', () => {
    const blocks = blocksOf({
      me: entry({
        promptTime: '08:15',
        promptTimeSource: 'own',
        outOfOffice: [{ firstDay: '2026-12-24', lastDay: '2027-01-02' }],
      }),
      reports: undefined,
      teams: undefined,
    });
    expect(textOf(blocks)).toContain(
      'Prompt at *08:15* (your own time) on workdays. Active.\nOut of office: 24 Dec 2026 – 2 Jan 2027.',
    );
    expect(actionsOf(blocks)).toEqual(
      expect.arrayContaining([
        HOME_ACTIONS.pause,
        HOME_ACTIONS.openOutOfOffice,
        HOME_ACTIONS.openPromptTime,
        HOME_ACTIONS.clearOutOfOffice,
      ]),
    );
    expect(actionsOf(blocks)).not.toContain(HOME_ACTIONS.resume);
    const promptButton = blocks
      .flatMap((block) => block.elements ?? [])
      .find((e) => e.action_id === HOME_ACTIONS.openPromptTime);
    expect(promptButton?.value).toBe('08:15');
    expect(actionsOf(blocks)).not.toContain(HOME_ACTIONS.editTeam);
    expectValidHome(blocks);
  });

  it('offers Resume to a paused rep and says why messages do not arrive', () => {
    const blocks = blocksOf({
      me: entry({ paused: true, inactiveReason: 'deactivated in Slack' }),
      reports: undefined,
      teams: undefined,
    });
    expect(actionsOf(blocks)).toContain(HOME_ACTIONS.resume);
    expect(actionsOf(blocks)).not.toContain(HOME_ACTIONS.pause);
    expect(actionsOf(blocks)).not.toContain(HOME_ACTIONS.clearOutOfOffice);
    expect(textOf(blocks)).toContain('*Paused*');
    expect(textOf(blocks)).toContain(':warning: No messages reach you: deactivated in Slack.');
  });

  it('shows a manager their reps with team, pause, days off and inactive reason', () => {
    const blocks = blocksOf({
      me: undefined,
      reports: [
        entry({ paused: true, outOfOffice: [{ firstDay: '2026-12-24', lastDay: '2026-12-24' }] }),
        entry({ slackUserId: 'UREP2', inactiveReason: 'deactivated in Slack' }),
      ],
      teams: undefined,
    });
    const text = textOf(blocks);
    expect(text).toContain('Your reps (2)');
    expect(text).toContain(
      "• <@UREP1> — rep · team EMEA · manager <@UMGR> · 09:00 (team's time) · *paused* · off Thu 24 Dec 2026",
    );
    expect(text).toContain(
      "• <@UREP2> — rep · team EMEA · manager <@UMGR> · 09:00 (team's time) · :warning: no messages: deactivated in Slack",
    );
    expect(actionsOf(blocks)).not.toContain(HOME_ACTIONS.pause);
  });

  it('stays within Slack’s 100 blocks for a manager of 3,000 reps who is also an admin of 60 teams', () => {
    const reports = Array.from({ length: 3000 }, (_, i) => entry({ slackUserId: `UREP${i}` }));
    const teams = Array.from({ length: 60 }, (_, i) => ({ ...team, id: i + 1, name: `Team ${i}` }));
    const blocks = blocksOf({ me: entry({}), reports, teams });
    expectValidHome(blocks);
    const text = textOf(blocks);
    expect(text).toMatch(/…and \d+ more: `\/coach roster` lists everyone\./);
    expect(JSON.stringify(blocks)).toContain('…and 20 more: `/coach roster` lists every team.');
  });

  it('lists open commitments under the rep’s own settings, and still stays within 100 blocks', () => {
    const commitments = {
      today: '2026-11-24',
      items: Array.from({ length: 5 }, (_, i) => ({
        commitmentId: String(i + 1),
        text: `next step ${i + 1}`,
        dueOn: '2026-11-30',
      })),
      total: 7,
      offset: 0,
    };
    const reports = Array.from({ length: 3000 }, (_, i) => entry({ slackUserId: `UREP${i}` }));
    const teams = Array.from({ length: 60 }, (_, i) => ({ ...team, id: i + 1, name: `Team ${i}` }));
    const blocks = blocksOf({ me: entry({}), reports, teams, commitments });
    expectValidHome(blocks);
    const ids = blocks.map((block) => block.block_id);
    expect(ids.indexOf('home_commitments_header')).toBeGreaterThan(ids.indexOf('home_me_actions'));
    expect(ids.filter((id) => id?.startsWith('home_commitment_'))).toHaveLength(5);
    expect(
      blocksOf({ me: entry({}), reports: undefined, teams: undefined }).map((b) => b.block_id),
    ).not.toContain('home_commitments_header');
  });

  it('shows a refusal under the title, as the domain wrote it, also when the settings did not load, and still within 100 blocks', () => {
    const refusal =
      'Only admins can change team settings. Ask an admin (<@UADMIN>) or a Slack workspace admin. Try `/coach help`.';
    const reports = Array.from({ length: 3000 }, (_, i) => entry({ slackUserId: `UREP${i}` }));
    const teams = Array.from({ length: 60 }, (_, i) => ({ ...team, id: i + 1, name: `Team ${i}` }));
    for (const settings of [undefined, { me: entry({}), reports, teams }]) {
      const blocks = buildHomeView(settings, { notice: refusal }).blocks as AnyBlock[];
      expect(blocks[0]?.block_id).toBe('home_title');
      // Not escaped again: the mention and the code are meant.
      expect(blocks[1]).toEqual({
        type: 'section',
        block_id: HOME_NOTICE_BLOCK,
        text: { type: 'mrkdwn', text: `:warning: ${refusal}` },
      });
      expectValidHome(blocks);
    }
    expect(
      blocksOf({ me: entry({}), reports: undefined, teams: undefined }).map((b) => b.block_id),
    ).not.toContain(HOME_NOTICE_BLOCK);
  });

  it('shows an admin the teams, each with an Edit team button carrying its id', () => {
    const blocks = blocksOf({ me: undefined, reports: undefined, teams: [team] });
    const section = blocks.find((block) => block.block_id === 'home_team_7');
    expect(section?.text?.text).toBe(
      '*EMEA*: manager <@UMGR> · standings in <#C0STAND> Fridays at 16:30 (deals) · prompts at 08:30 · Mon–Thu · FR holidays · fallback zone Europe/Paris · reminder after 90 min',
    );
    expect(section?.accessory).toMatchObject({ action_id: HOME_ACTIONS.editTeam, value: '7' });
  });

  it('shows a standings time held back for the answers about the week’s last workday, and why', () => {
    // The migrations' defaults: the post is set for Monday 09:00, the Monday prompt (about Friday)
    // comes at 09:00 and its reminder after 120 minutes.
    const defaults = {
      ...team,
      standingsWeekday: 1,
      standingsTime: '09:00',
      promptTime: '09:00',
      workdays: [1, 2, 3, 4, 5],
      reminderDelayMinutes: 120,
    };
    const section = blocksOf({ me: undefined, reports: undefined, teams: [defaults] }).find(
      (block) => block.block_id === 'home_team_7',
    );
    const held =
      "Mondays at 12:00, not 09:00: it waits for the answers about the week's last workday " +
      "(the week's first prompt, its 120-minute reminder and 60 minutes more)";
    expect(section?.text?.text).toContain(`standings in <#C0STAND> ${held} (deals)`);
    const form = JSON.stringify(buildTeamModal(defaults).blocks);
    expect(form).toContain(`Now: ${held}.`);
    // A time already past the answers is shown as chosen.
    expect(JSON.stringify(buildTeamModal(team).blocks)).toContain('Now: Fridays at 16:30.');
  });

  describe('the menu that opens a rep’s opportunities', () => {
    const reps = {
      reps: [
        { slackUserId: 'UREP1', displayName: 'Rita Rep' },
        { slackUserId: 'UREP2', displayName: 'Sam Rep' },
      ],
      total: 2,
    };
    const idsOf = (blocks: AnyBlock[]) => blocks.map((block) => block.block_id);

    it('sits under a manager’s “Your reps” header, before the list of reps', () => {
      const settings = {
        me: undefined,
        reports: [entry({}), entry({ slackUserId: 'UREP2' })],
        teams: undefined,
      };
      const blocks = buildHomeView(settings, { repsWithDeals: reps }).blocks as AnyBlock[];
      const ids = idsOf(blocks);
      expect(ids.indexOf('home_rep_opportunities')).toBe(ids.indexOf('home_reps_header') + 1);
      expect(ids.indexOf('home_reps_0')).toBe(ids.indexOf('home_rep_opportunities') + 1);
      expect(actionsOf(blocks)).toContain(REP_OPPORTUNITY_ACTIONS.pickRep);
      expectValidHome(blocks);
    });

    it('sits under an admin’s “Teams” header, as it lists every rep, even when the admin manages some', () => {
      for (const reports of [undefined, [entry({})]]) {
        const blocks = buildHomeView({ me: undefined, reports, teams: [team] }, { repsWithDeals: reps })
          .blocks as AnyBlock[];
        const ids = idsOf(blocks);
        expect(ids.filter((id) => id === 'home_rep_opportunities')).toHaveLength(1);
        expect(ids.indexOf('home_rep_opportunities')).toBe(ids.indexOf('home_teams_header') + 1);
      }
    });

    it('is not on a rep’s Home', () => {
      const blocks = blocksOf({ me: entry({}), reports: undefined, teams: undefined });
      expect(actionsOf(blocks)).not.toContain(REP_OPPORTUNITY_ACTIONS.pickRep);
    });

    it('leaves the tab within 100 blocks for a manager of 3,000 reps who is also an admin of 60 teams', () => {
      const reports = Array.from({ length: 3000 }, (_, i) => entry({ slackUserId: `UREP${i}` }));
      const teams = Array.from({ length: 60 }, (_, i) => ({ ...team, id: i + 1, name: `Team ${i}` }));
      const everyone = {
        reps: reports
          .slice(0, 100)
          .map((rep) => ({ slackUserId: rep.slackUserId, displayName: rep.displayName })),
        total: 3000,
      };
      const blocks = buildHomeView({ me: entry({}), reports, teams }, { repsWithDeals: everyone })
        .blocks as AnyBlock[];
      expectValidHome(blocks);
      expect(idsOf(blocks)).toEqual(
        expect.arrayContaining(['home_rep_opportunities', 'home_rep_opportunities_hint']),
      );
    });
  });
});

describe('the getting-started checklist on an admin’s Home', () => {
  const steps = (blocks: AnyBlock[]) =>
    blocks.find((block) => block.block_id === 'home_setup_steps')?.text?.text.split('\n') ?? [];
  const marks = (blocks: AnyBlock[]) => steps(blocks).map((line) => line.split(' ')[0]);
  const admin = (teams: TeamSummary[], anyRep: boolean): HomeSettings => {
    const setup = setupProgress(teams, anyRep);
    return { me: undefined, reports: undefined, teams, ...(setup ? { setup } : {}) };
  };
  const bare: TeamSummary = { ...team, managerSlackUserId: null, standingsChannelId: null };

  it('lists the four steps with their commands under the intro, none done on an empty roster', () => {
    const blocks = blocksOf(admin([], false));
    const ids = blocks.map((block) => block.block_id);
    expect(ids.indexOf('home_setup_header')).toBeGreaterThan(ids.indexOf('help_actions'));
    expect(ids.indexOf('home_setup_header')).toBeLessThan(ids.indexOf('home_teams_header'));
    expect(steps(blocks)).toEqual([
      ':white_large_square: *1. Create a team:* `/coach team &lt;name&gt; create` (quote a name with spaces: `/coach team "North America" create`)',
      ':white_large_square: *2. Give it a manager:* `/coach team &lt;name&gt; manager @someone` (they get a daily digest about their reps)',
      ':white_large_square: *3. Set its channel for the weekly standings:* `/coach team &lt;name&gt; channel #channel`, then type `/invite` in that channel and pick me',
      ":white_large_square: *4. Add reps:* `/coach add @rep team &lt;name&gt;` (they report to the team's manager), or many at once from a CSV file with `npm run roster:import` (see the README's Roster section)",
    ]);
    expect(blocks.find((block) => block.block_id === 'home_setup_next')).toMatchObject({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: expect.stringMatching(/^\*What happens next:\* each rep gets/) }],
    });
    expectValidHome(blocks);
  });

  it('shows commands the /coach grammar reads, once a name, a person and a channel are picked', () => {
    const commands = steps(blocksOf(admin([], false))).flatMap(typedCoachCommands);
    expect(commands.map((command) => parseCoachCommand(command))).toEqual([
      { kind: 'team-create', team: 'EMEA' },
      { kind: 'team-create', team: 'North America' },
      { kind: 'team-manager', team: 'EMEA', manager: 'UMGR' },
      { kind: 'team-channel', team: 'EMEA', channel: 'C0STAND' },
      { kind: 'add', rep: 'UREP1', team: 'EMEA' },
    ]);
  });

  it('ticks the steps done and names the teams a step is still open for', () => {
    const teams = ['EMEA', 'APAC', 'R&D', 'LATAM', 'Nordics'].map((name, i) => ({
      ...bare,
      id: i + 1,
      name,
    }));
    teams[0] = { ...teams[0]!, managerSlackUserId: 'UMGR', standingsChannelId: 'C0STAND' };
    teams[1] = { ...teams[1]!, managerSlackUserId: 'UMGR2' };
    const blocks = blocksOf(admin(teams, true));
    expect(marks(blocks)).toEqual([
      ':white_check_mark:',
      ':white_large_square:',
      ':white_large_square:',
      ':white_check_mark:',
    ]);
    const [first, manager, channel, reps] = steps(blocks);
    expect(first).toMatch(/ _\(done\)_$/);
    expect(manager).toMatch(/ — still to do for \*R&amp;D\*, \*LATAM\*, \*Nordics\*$/);
    expect(channel).toMatch(/ — still to do for \*APAC\*, \*R&amp;D\*, \*LATAM\* and 1 more$/);
    expect(reps).toMatch(/ _\(done\)_$/);
  });

  it('is gone once every team has a manager and a channel and there is a rep', () => {
    const ids = blocksOf(admin([team], true)).map((block) => block.block_id);
    expect(ids.filter((id) => id?.startsWith('home_setup'))).toEqual([]);
    expect(ids).toContain('home_team_7');
  });

  it('is only on an admin’s tab', () => {
    const setup = setupProgress([], false)!;
    const blocks = blocksOf({
      me: entry({}),
      reports: [entry({ slackUserId: 'UREP2' })],
      teams: undefined,
      setup,
    });
    expect(blocks.map((block) => block.block_id)).not.toContain('home_setup_header');
  });

  it('takes its room from the team list, so the tab stays within 100 blocks', () => {
    const reports = Array.from({ length: 3000 }, (_, i) => entry({ slackUserId: `UREP${i}` }));
    const teams = Array.from({ length: 60 }, (_, i) => ({ ...bare, id: i + 1, name: `Team ${i}` }));
    const setup = setupProgress(teams, true)!;
    const blocks = blocksOf({ me: entry({}), reports, teams, setup });
    expectValidHome(blocks);
    expect(blocks.map((block) => block.block_id)).toContain('home_setup_steps');
    expect(JSON.stringify(blocks)).toContain('…and 24 more: `/coach roster` lists every team.');
  });
});

describe('App Home modals', () => {
  it('opens days off with two datepickers at today', () => {
    const modal = buildOutOfOfficeModal('2026-11-23');
    expect(modal.callback_id).toBe(HOME_MODALS.outOfOffice);
    expect(modal.blocks).toMatchObject([
      { block_id: HOME_FIELDS.firstDay.blockId, element: { type: 'datepicker', initial_date: '2026-11-23' } },
      { block_id: HOME_FIELDS.lastDay.blockId, element: { type: 'datepicker', initial_date: '2026-11-23' } },
    ]);
  });

  it('opens the prompt time at the current time, and ignores a value it cannot read', () => {
    expect(buildPromptTimeModal('08:15').blocks[0]).toMatchObject({
      optional: true,
      element: { type: 'timepicker', initial_time: '08:15' },
    });
    expect(JSON.stringify(buildPromptTimeModal('soon'))).not.toContain('initial_time');
  });

  it('opens a team with its settings filled in and its id in the metadata', () => {
    const modal = buildTeamModal(team);
    expect(modal.title?.text.length).toBeLessThanOrEqual(24);
    expect(parseTeamModalMetadata(modal.private_metadata ?? '')).toBe(7);
    const byBlock = Object.fromEntries(
      modal.blocks.map((block) => [
        (block as { block_id: string }).block_id,
        (block as { element?: unknown }).element,
      ]),
    );
    expect(byBlock[HOME_FIELDS.teamPromptTime.blockId]).toMatchObject({ initial_time: '08:30' });
    expect(
      (
        byBlock[HOME_FIELDS.workdays.blockId] as { initial_options: Array<{ value: string }> }
      ).initial_options.map((option) => option.value),
    ).toEqual(['1', '2', '3', '4']);
    expect(byBlock[HOME_FIELDS.holidayCountry.blockId]).toMatchObject({ initial_value: 'FR' });
    expect(byBlock[HOME_FIELDS.timeZone.blockId]).toMatchObject({ initial_value: 'Europe/Paris' });
    expect(byBlock[HOME_FIELDS.standingsChannel.blockId]).toMatchObject({
      type: 'conversations_select',
      initial_conversation: 'C0STAND',
    });
    expect(byBlock[HOME_FIELDS.reminderDelay.blockId]).toMatchObject({
      type: 'number_input',
      initial_value: '90',
    });
    expect(byBlock[HOME_FIELDS.standingsWeekday.blockId]).toMatchObject({
      type: 'static_select',
      initial_option: { value: '5', text: { text: 'Friday' } },
    });
    expect(byBlock[HOME_FIELDS.standingsTime.blockId]).toMatchObject({
      type: 'timepicker',
      initial_time: '16:30',
    });
    expect(byBlock[HOME_FIELDS.standingsMetric.blockId]).toMatchObject({
      type: 'radio_buttons',
      initial_option: { value: 'deals' },
    });
    expect(byBlock[HOME_FIELDS.reportingCurrency.blockId]).toMatchObject({ initial_value: 'EUR' });
  });

  it('puts failed weekly posts first, with what to do', () => {
    const blocks = buildHomeView(
      { me: undefined, reports: undefined, teams: [team] },
      {
        standingsFailures: [
          {
            workspaceId: 'T1',
            teamName: 'EMEA',
            channelId: 'C0STAND',
            weekStart: '2026-11-16',
            reason: 'not_in_channel',
          },
        ],
      },
    ).blocks as AnyBlock[];
    const header = blocks.findIndex((block) => block.block_id === 'home_standings_failed_header');
    expect(header).toBeGreaterThan(0);
    expect(header).toBeLessThan(blocks.findIndex((block) => block.block_id === 'home_teams_header'));
    expect(textOf(blocks)).toContain(
      ':warning: *EMEA*, the week of Mon 16 Nov 2026: I am not a member of <#C0STAND>. Invite me there (type `/invite` in the channel and pick me), then run `/ranking post EMEA`.',
    );
    expect(textOf(blocksOf({ me: undefined, reports: undefined, teams: [team] }))).not.toContain(':warning:');
  });

  it.each(['', 'not json', '{"teamId":"7"}', '{"teamId":-1}'])(
    'reads no team from metadata %j',
    (metadata) => {
      expect(parseTeamModalMetadata(metadata)).toBeUndefined();
    },
  );

  it('reads submitted values the way Slack sends them', () => {
    const F = HOME_FIELDS;
    const at = (field: { blockId: string; actionId: string }, state: Record<string, unknown>) => ({
      [field.blockId]: { [field.actionId]: state },
    });
    expect(
      readOutOfOfficeSubmission({
        ...at(F.firstDay, { type: 'datepicker', selected_date: '2026-12-24' }),
        ...at(F.lastDay, { type: 'datepicker', selected_date: null }),
      }),
    ).toEqual({ firstDay: '2026-12-24', lastDay: '' });
    expect(readPromptTimeSubmission(at(F.promptTime, { type: 'timepicker', selected_time: '07:45' }))).toBe(
      '07:45',
    );
    expect(readPromptTimeSubmission(at(F.promptTime, { type: 'timepicker', selected_time: null }))).toBe(
      'default',
    );
    expect(
      readTeamSubmission({
        ...at(F.teamPromptTime, { type: 'timepicker', selected_time: '08:00' }),
        ...at(F.workdays, { type: 'checkboxes', selected_options: [{ value: '1' }, { value: '5' }] }),
        ...at(F.holidayCountry, { type: 'plain_text_input', value: null }),
        ...at(F.timeZone, { type: 'plain_text_input', value: 'Asia/Tokyo' }),
        ...at(F.standingsChannel, { type: 'conversations_select', selected_conversation: null }),
        ...at(F.reminderDelay, { type: 'number_input', value: '60' }),
        ...at(F.standingsWeekday, { type: 'static_select', selected_option: { value: '2' } }),
        ...at(F.standingsTime, { type: 'timepicker', selected_time: '10:15' }),
        ...at(F.standingsMetric, { type: 'radio_buttons', selected_option: { value: 'revenue' } }),
        ...at(F.reportingCurrency, { type: 'plain_text_input', value: null }),
      }),
    ).toEqual({
      promptTime: '08:00',
      workdays: [1, 5],
      holidayCountry: '',
      timeZone: 'Asia/Tokyo',
      standingsChannelId: null,
      reminderDelayMinutes: '60',
      standingsWeekday: '2',
      standingsTime: '10:15',
      standingsMetric: 'revenue',
      reportingCurrency: '',
    });
  });
});
