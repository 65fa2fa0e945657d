import { beforeAll, describe, expect, it } from 'vitest';
import { listOutOfOffice } from '../../src/db/queries/out-of-office.js';
import { findPersonBySlackId } from '../../src/db/queries/people.js';
import { findTeamByName } from '../../src/db/queries/teams.js';
import { UnusableChannelError } from '../../src/domain/roster/channels.js';
import { NotAllowedError, RosterInputError } from '../../src/domain/roster/errors.js';
import { listRoster } from '../../src/domain/roster/listing.js';
import {
  addOutOfOfficeRange,
  addRep,
  changeManager,
  clearOutOfOfficeRanges,
  moveRep,
  removeRep,
  setAdmin,
  setDigestTime,
  setPaused,
  setPromptTime,
  setQuestionSet,
} from '../../src/domain/roster/service.js';
import { changeTeamSettings, createTeam, setTeamManager } from '../../src/domain/roster/teams.js';
import { useRosterWorld, WORKSPACE_ID } from '../support/roster.js';

const world = useRosterWorld([
  { id: 'UADMIN', real_name: 'Ada Admin', is_admin: true, tz: 'Europe/Paris' },
  { id: 'UOWNER', real_name: 'Olga Owner', is_owner: true },
  { id: 'UMGRA', real_name: 'Maya Manager', profile: { email: 'maya@acme.test' } },
  { id: 'UMGRB', real_name: 'Boris Manager' },
  { id: 'UREP1', real_name: 'Rita Rep', tz: 'Asia/Kathmandu' },
  { id: 'UREP2', real_name: 'Sam Rep' },
  { id: 'UREP3', real_name: 'Tom Rep' },
  { id: 'UREP4', real_name: 'Una Rep' },
  { id: 'UNOTZ', real_name: 'Nora Nozone', tz: null },
  { id: 'UROBOT', real_name: 'Robot', is_bot: true },
  { id: 'UGONE', real_name: 'Gone Person', deleted: true },
  { id: 'UNOBODY', real_name: 'Not On Roster' },
]);

const person = (slackUserId: string) => findPersonBySlackId(world.db, WORKSPACE_ID, slackUserId);
const table = async (name: 'people' | 'teams' | 'out_of_office') =>
  world.db.selectFrom(name).selectAll().orderBy('id').execute();

describe('who is asking', () => {
  it('records a Slack workspace admin or owner as an admin on first use, once', async () => {
    expect(await person('UADMIN')).toBeUndefined();
    const admin = await world.actor('UADMIN');
    expect(admin.isAdmin).toBe(true);
    expect(await person('UADMIN')).toMatchObject({
      is_admin: true,
      display_name: 'Ada Admin',
      timezone: 'Europe/Paris',
    });
    expect((await world.actor('UOWNER')).isAdmin).toBe(true);

    world.standIn.reset();
    expect((await world.actor('UADMIN')).isAdmin).toBe(true);
    // A recorded admin needs no Slack call.
    expect(world.standIn.calls('users.info')).toHaveLength(0);
  });

  it('knows nobody else as an admin, and records nobody just for asking', async () => {
    const stranger = await world.actor('UNOBODY');
    expect(stranger).toMatchObject({ isAdmin: false, person: undefined });
    expect(await person('UNOBODY')).toBeUndefined();
  });
});

describe('teams and adding reps', () => {
  beforeAll(async () => {
    const admin = await world.actor('UADMIN');
    await createTeam(world.db, world.clock, admin, 'EMEA');
    await setTeamManager(world.db, world.clock, world.directory, admin, 'emea', 'UMGRA');
  });

  it('refuses a second team with the same name, whatever the case', async () => {
    await expect(createTeam(world.db, world.clock, await world.actor('UADMIN'), 'emea')).rejects.toThrow(
      /already a team called "emea"/,
    );
  });

  it('makes the named team manager a manager', async () => {
    expect(await person('UMGRA')).toMatchObject({ is_manager: true, email: 'maya@acme.test' });
    const team = await findTeamByName(world.db, WORKSPACE_ID, 'EMEA');
    expect(team?.manager_id).toBe((await person('UMGRA'))?.id);
  });

  it('lets a manager add a rep: the rep gets the manager and the manager’s team, and Slack’s zone', async () => {
    const manager = await world.actor('UMGRA');
    const placed = await addRep(world.db, world.clock, world.directory, manager, { repUserId: 'UREP1' });
    expect(placed.changed).toBe(true);
    expect(placed.team?.name).toBe('EMEA');
    expect(placed.manager?.slack_user_id).toBe('UMGRA');
    expect(await person('UREP1')).toMatchObject({
      is_rep: true,
      manager_id: (await person('UMGRA'))?.id,
      team_id: placed.team?.id,
      timezone: 'Asia/Kathmandu',
      display_name: 'Rita Rep',
    });
  });

  it('keeps a null Slack time zone null, so the team’s zone applies', async () => {
    await addRep(world.db, world.clock, world.directory, await world.actor('UMGRA'), { repUserId: 'UNOTZ' });
    expect((await person('UNOTZ'))?.timezone).toBeNull();
  });

  it('changes nothing when the same rep is added again', async () => {
    const before = await person('UREP1');
    const again = await addRep(world.db, world.clock, world.directory, await world.actor('UMGRA'), {
      repUserId: 'UREP1',
    });
    expect(again.changed).toBe(false);
    expect((await person('UREP1'))?.updated_at).toEqual(before?.updated_at);
  });

  it('gives a rep added by an admin to a team the team’s manager', async () => {
    const placed = await addRep(world.db, world.clock, world.directory, await world.actor('UADMIN'), {
      repUserId: 'UREP2',
      teamName: 'EMEA',
    });
    expect(placed.manager?.slack_user_id).toBe('UMGRA');
  });

  it('lets an admin add a rep under any manager, who becomes a manager', async () => {
    const placed = await addRep(world.db, world.clock, world.directory, await world.actor('UADMIN'), {
      repUserId: 'UREP3',
      managerUserId: 'UMGRB',
    });
    expect(placed.manager).toMatchObject({ slack_user_id: 'UMGRB', is_manager: true });
    expect(placed.team).toBeUndefined();
  });

  it('does not let a manager add a rep under someone else, or take another manager’s rep', async () => {
    const manager = await world.actor('UMGRB');
    const before = await table('people');
    await expect(
      addRep(world.db, world.clock, world.directory, manager, { repUserId: 'UREP4', managerUserId: 'UMGRA' }),
    ).rejects.toThrow(NotAllowedError);
    await expect(
      addRep(world.db, world.clock, world.directory, manager, { repUserId: 'UREP1' }),
    ).rejects.toThrow('Only their manager <@UMGRA> or an admin can move <@UREP1> to another manager.');
    await expect(
      addRep(world.db, world.clock, world.directory, manager, { repUserId: 'UREP4', teamName: 'EMEA' }),
    ).rejects.toThrow(/Team EMEA is not yours/);
    expect(await table('people')).toEqual(before);
  });

  it('does not let a rep or a stranger add anyone, and says who can', async () => {
    for (const who of ['UREP1', 'UNOBODY']) {
      await expect(
        addRep(world.db, world.clock, world.directory, await world.actor(who), { repUserId: 'UREP4' }),
      ).rejects.toThrow(
        /Only managers and admins can add reps\. Ask your manager or an admin \(<@UADMIN>, <@UOWNER>\)/,
      );
    }
    expect(await person('UREP4')).toBeUndefined();
  });

  it.each([
    ['UROBOT', /<@UROBOT> is a bot/],
    ['USLACKBOT', /<@USLACKBOT> is a bot/],
    ['UGONE', /<@UGONE> is deactivated in Slack/],
    ['UMISSING', /can't find <@UMISSING> in this Slack workspace/],
  ])('refuses %s with a clear reason', async (slackUserId, reason) => {
    const admin = await world.actor('UADMIN');
    await expect(
      addRep(world.db, world.clock, world.directory, admin, { repUserId: slackUserId }),
    ).rejects.toThrow(reason);
    await expect(
      addRep(world.db, world.clock, world.directory, admin, { repUserId: slackUserId }),
    ).rejects.toThrow(RosterInputError);
    expect(await person(slackUserId)).toBeUndefined();
  });

  it('refuses a person managing themself', async () => {
    const admin = await world.actor('UADMIN');
    await expect(
      addRep(world.db, world.clock, world.directory, admin, { repUserId: 'UREP4', managerUserId: 'UREP4' }),
    ).rejects.toThrow(/<@UREP4> cannot be their own manager/);
    await expect(
      changeManager(world.db, world.clock, world.directory, admin, 'UREP1', 'UREP1'),
    ).rejects.toThrow(/cannot be their own manager/);
  });

  it('refuses an unknown team', async () => {
    await expect(
      addRep(world.db, world.clock, world.directory, await world.actor('UADMIN'), {
        repUserId: 'UREP4',
        teamName: 'Mars',
      }),
    ).rejects.toThrow(
      'There is no team called "Mars". `/coach roster` lists the teams; create this one with `/coach team "Mars" create`.',
    );
  });
});

describe('managing reps', () => {
  it('lets the current manager hand a rep over; the rep joins the new manager’s team when they lead one', async () => {
    const admin = await world.actor('UADMIN');
    await createTeam(world.db, world.clock, admin, 'Americas');
    await setTeamManager(world.db, world.clock, world.directory, admin, 'Americas', 'UMGRB');
    const placed = await changeManager(
      world.db,
      world.clock,
      world.directory,
      await world.actor('UMGRA'),
      'UREP2',
      'UMGRB',
    );
    expect(placed.manager?.slack_user_id).toBe('UMGRB');
    expect(placed.team?.name).toBe('Americas');
  });

  it('moves a rep to a team and to the team’s manager (admin)', async () => {
    const placed = await moveRep(world.db, world.clock, await world.actor('UADMIN'), 'UREP3', 'EMEA');
    expect(placed.team?.name).toBe('EMEA');
    expect(placed.manager?.slack_user_id).toBe('UMGRA');
  });

  it('does not let a manager move a rep into a team they do not lead', async () => {
    await expect(
      moveRep(world.db, world.clock, await world.actor('UMGRA'), 'UREP3', 'Americas'),
    ).rejects.toThrow(/Only admins can move reps between teams/);
  });

  it('sets prompt times: a rep their own, a manager their rep’s; "default" goes back to the team’s', async () => {
    expect(
      (await setPromptTime(world.db, world.clock, await world.actor('UREP1'), undefined, '8:30am'))
        .prompt_time,
    ).toBe('08:30:00');
    const manager = await world.actor('UMGRA');
    expect((await setPromptTime(world.db, world.clock, manager, 'UREP1', '07:45')).prompt_time).toBe(
      '07:45:00',
    );
    expect((await setPromptTime(world.db, world.clock, manager, 'UREP1', 'default')).prompt_time).toBeNull();
    await expect(setPromptTime(world.db, world.clock, manager, 'UREP1', '25:00')).rejects.toThrow(
      /`25:00` is not a time of day/,
    );
  });

  it('does not let a rep change another rep, nor a manager another manager’s rep, and names who can', async () => {
    const before = await table('people');
    await expect(
      setPromptTime(world.db, world.clock, await world.actor('UREP1'), 'UREP3', '10:00'),
    ).rejects.toThrow("Only their manager <@UMGRA> or an admin can change <@UREP3>'s prompt time.");
    await expect(setPaused(world.db, world.clock, await world.actor('UMGRB'), 'UREP1', true)).rejects.toThrow(
      NotAllowedError,
    );
    await expect(removeRep(world.db, world.clock, await world.actor('UMGRB'), 'UREP1')).rejects.toThrow(
      NotAllowedError,
    );
    expect(await table('people')).toEqual(before);
  });

  it('tells someone who is not a rep that there is nothing to set', async () => {
    await expect(
      setPaused(world.db, world.clock, await world.actor('UNOBODY'), undefined, true),
    ).rejects.toThrow(/You are not on the roster as a rep/);
    await expect(
      setPromptTime(world.db, world.clock, await world.actor('UMGRA'), 'UNOBODY', '9'),
    ).rejects.toThrow(/<@UNOBODY> is not on the roster/);
  });

  it('pauses and resumes, saying when nothing changed', async () => {
    const rep = await world.actor('UREP1');
    expect((await setPaused(world.db, world.clock, rep, undefined, true)).changed).toBe(true);
    expect((await person('UREP1'))?.paused_at).toEqual(world.clock.now());
    expect((await setPaused(world.db, world.clock, rep, undefined, true)).changed).toBe(false);
    expect((await setPaused(world.db, world.clock, await world.actor('UMGRA'), 'UREP1', false)).changed).toBe(
      true,
    );
    expect((await person('UREP1'))?.paused_at).toBeNull();
  });

  it('records out-of-office ranges once, and clears only current and future ones', async () => {
    const rep = await world.actor('UREP1');
    const first = await addOutOfOfficeRange(
      world.db,
      world.clock,
      rep,
      undefined,
      '2026-12-24',
      '2027-01-02',
    );
    expect(first).toMatchObject({ firstDay: '2026-12-24', lastDay: '2027-01-02', added: true });
    expect(
      (await addOutOfOfficeRange(world.db, world.clock, rep, undefined, '2026-12-24', '2027-01-02')).added,
    ).toBe(false);
    const single = await addOutOfOfficeRange(
      world.db,
      world.clock,
      await world.actor('UMGRA'),
      'UREP1',
      '2026-11-27',
      undefined,
    );
    expect(single).toMatchObject({ firstDay: '2026-11-27', lastDay: '2026-11-27' });

    world.clock.set('2026-11-28T12:00:00Z');
    const cleared = await clearOutOfOfficeRanges(world.db, world.clock, rep, undefined);
    expect(cleared.cleared).toBe(1);
    const repId = (await person('UREP1'))!.id;
    expect((await listOutOfOffice(world.db, [repId], '2000-01-01')).map((r) => r.first_day)).toEqual([
      '2026-11-27',
    ]);
    world.clock.set('2026-11-23T10:00:00Z');
  });

  it.each([
    ['2026-13-01', '2026-12-02', /`2026-13-01` is not a date/],
    ['2026-12-24', 'soon', /`soon` is not a date/],
    ['2026-12-24', '2026-12-20', /The last day \(Sun 20 Dec 2026\) is before the first \(Thu 24 Dec 2026\)/],
    ['2026-12-24', '2027-12-25', /longer than a year/],
    ['2026-11-01', '2026-11-10', /already over/],
  ])('refuses the range %s → %s', async (first, last, reason) => {
    await expect(
      addOutOfOfficeRange(world.db, world.clock, await world.actor('UREP1'), undefined, first, last),
    ).rejects.toThrow(reason);
  });

  it('does not let a manager set days off for another manager’s rep', async () => {
    await expect(
      addOutOfOfficeRange(
        world.db,
        world.clock,
        await world.actor('UMGRB'),
        'UREP1',
        '2026-12-01',
        '2026-12-02',
      ),
    ).rejects.toThrow(/Only their manager <@UMGRA>/);
  });

  it('attaches and detaches question sets (managers only), refusing unknown ones', async () => {
    const manager = await world.actor('UMGRA');
    expect(
      (await setQuestionSet(world.db, world.clock, manager, 'UREP1', 'top-performer')).question_set,
    ).toBe('top-performer');
    await expect(setQuestionSet(world.db, world.clock, manager, 'UREP1', 'magic')).rejects.toThrow(
      /There is no question set `magic`\. Pick one of `top-performer`/,
    );
    await expect(
      setQuestionSet(world.db, world.clock, await world.actor('UREP1'), 'UREP1', 'off'),
    ).rejects.toThrow(NotAllowedError);
    expect((await setQuestionSet(world.db, world.clock, manager, 'UREP1', 'off')).question_set).toBeNull();
  });

  it('sets a manager’s digest time, and refuses it to a rep', async () => {
    expect((await setDigestTime(world.db, world.clock, await world.actor('UMGRA'), '4pm')).digest_time).toBe(
      '16:00:00',
    );
    await expect(setDigestTime(world.db, world.clock, await world.actor('UREP1'), '4pm')).rejects.toThrow(
      /Only managers get a digest/,
    );
  });

  it('tells everyone but admins that only an admin may change a rep without a manager, naming the admins', async () => {
    await addRep(world.db, world.clock, world.directory, await world.actor('UADMIN'), { repUserId: 'UREP4' });
    expect((await person('UREP4'))?.manager_id).toBeNull();
    const before = await table('people');
    const ask = 'they have no manager. Ask an admin (<@UADMIN>, <@UOWNER>) or a Slack workspace admin.';
    const manager = await world.actor('UMGRA');
    await expect(setPromptTime(world.db, world.clock, manager, 'UREP4', '10:00')).rejects.toThrow(
      `Only an admin can change <@UREP4>'s prompt time: ${ask}`,
    );
    await expect(setPaused(world.db, world.clock, manager, 'UREP4', true)).rejects.toThrow(
      `Only an admin can pause <@UREP4>'s daily prompts: ${ask}`,
    );
    await expect(removeRep(world.db, world.clock, manager, 'UREP4')).rejects.toThrow(
      `Only an admin can remove <@UREP4>: ${ask}`,
    );
    await expect(
      changeManager(world.db, world.clock, world.directory, manager, 'UREP4', 'UMGRA'),
    ).rejects.toThrow(`Only an admin can change <@UREP4>'s manager: ${ask}`);
    await expect(setQuestionSet(world.db, world.clock, manager, 'UREP4', 'off')).rejects.toThrow(
      `Only an admin can choose <@UREP4>'s question set: ${ask}`,
    );
    await expect(
      addOutOfOfficeRange(
        world.db,
        world.clock,
        await world.actor('UREP1'),
        'UREP4',
        '2026-12-01',
        undefined,
      ),
    ).rejects.toThrow(`Only an admin can record out-of-office days for <@UREP4>: ${ask}`);
    await expect(
      clearOutOfOfficeRanges(world.db, world.clock, await world.actor('UREP1'), 'UREP4'),
    ).rejects.toThrow(`Only an admin can clear <@UREP4>'s out-of-office days: ${ask}`);
    expect(await table('people')).toEqual(before);
  });

  it('removes a rep from the roster, keeping the row', async () => {
    await addRep(world.db, world.clock, world.directory, await world.actor('UMGRB'), { repUserId: 'UREP4' });
    await removeRep(world.db, world.clock, await world.actor('UMGRB'), 'UREP4');
    expect(await person('UREP4')).toMatchObject({ is_rep: false, manager_id: null, team_id: null });
  });
});

describe('admins and team settings', () => {
  it('lets only admins make admins, and nobody drop their own rights', async () => {
    const before = await table('people');
    await expect(
      setAdmin(world.db, world.clock, world.directory, await world.actor('UMGRA'), 'UMGRA', true),
    ).rejects.toThrow(/Only admins can make people admins\. Ask an admin \(<@UADMIN>, <@UOWNER>\)/);
    expect(await table('people')).toEqual(before);
    const admin = await world.actor('UADMIN');
    expect((await setAdmin(world.db, world.clock, world.directory, admin, 'UMGRB', true)).is_admin).toBe(
      true,
    );
    expect((await world.actor('UMGRB')).isAdmin).toBe(true);
    await expect(setAdmin(world.db, world.clock, world.directory, admin, 'UADMIN', false)).rejects.toThrow(
      /cannot remove your own admin rights/,
    );
    expect((await setAdmin(world.db, world.clock, world.directory, admin, 'UMGRB', false)).is_admin).toBe(
      false,
    );
  });

  it('changes team settings for admins, with a message per bad value', async () => {
    const admin = await world.actor('UADMIN');
    const { team } = await changeTeamSettings(
      world.db,
      world.clock,
      world.channels,
      admin,
      { name: 'EMEA' },
      {
        promptTime: '08:15',
        workdays: 'sun-thu',
        holidayCountry: 'fr',
        timeZone: 'europe/paris',
        standingsChannelId: 'C0EMEA',
        reminderDelayMinutes: '90',
      },
    );
    expect(team).toMatchObject({
      prompt_time: '08:15:00',
      workdays: [1, 2, 3, 4, 7],
      holiday_country: 'FR',
      timezone: 'Europe/Paris',
      standings_channel_id: 'C0EMEA',
      reminder_delay_minutes: 90,
    });
    await expect(
      changeTeamSettings(
        world.db,
        world.clock,
        world.channels,
        admin,
        { name: 'EMEA' },
        { timeZone: 'Mars/Olympus' },
      ),
    ).rejects.toThrow(/`Mars\/Olympus` is not a time zone/);
    await expect(
      changeTeamSettings(
        world.db,
        world.clock,
        world.channels,
        admin,
        { name: 'EMEA' },
        { holidayCountry: 'XX' },
      ),
    ).rejects.toThrow(/`XX` is not a country I know public holidays for/);
    await expect(
      changeTeamSettings(
        world.db,
        world.clock,
        world.channels,
        admin,
        { name: 'EMEA' },
        { holidayCountry: 'none' },
      ),
    ).resolves.toMatchObject({ team: { holiday_country: null } });
  });

  it('checks a new standings channel with Slack: refused when gone or archived, saved with a warning when the bot is not in it', async () => {
    const admin = await world.actor('UADMIN');
    const change = (channel: string) =>
      changeTeamSettings(
        world.db,
        world.clock,
        world.channels,
        admin,
        { name: 'EMEA' },
        { standingsChannelId: channel },
      );
    world.standIn.removeBotFromChannel('C0NOBOT');
    await expect(change('C0NOBOT')).resolves.toMatchObject({
      botNotInChannel: true,
      team: { standings_channel_id: 'C0NOBOT' },
    });
    world.standIn.archiveChannel('C0OLD');
    await expect(change('C0OLD')).rejects.toThrow(UnusableChannelError);
    world.standIn.respond('conversations.info', () => ({ ok: false, error: 'channel_not_found' }));
    await expect(change('C0GONE')).rejects.toThrow(/I cannot see <#C0GONE>/);
    world.standIn.reset();
    expect((await findTeamByName(world.db, WORKSPACE_ID, 'EMEA'))?.standings_channel_id).toBe('C0NOBOT');
    await expect(change('C0FINE')).resolves.toMatchObject({ botNotInChannel: false });
    expect(world.standIn.calls('conversations.info').map((call) => call.args.channel)).toEqual(['C0FINE']);
  });

  it('refuses team settings to a team’s own manager and to a team of another workspace', async () => {
    const before = await table('teams');
    await expect(
      changeTeamSettings(
        world.db,
        world.clock,
        world.channels,
        await world.actor('UMGRA'),
        { name: 'EMEA' },
        { promptTime: '10:00' },
      ),
    ).rejects.toThrow(/Only admins can change team settings/);
    const admin = await world.actor('UADMIN');
    await expect(
      changeTeamSettings(
        world.db,
        world.clock,
        world.channels,
        { ...admin, workspaceId: 'TOTHER' },
        { id: before[0]!.id },
        {
          promptTime: '10:00',
        },
      ),
    ).rejects.toThrow(/no longer exists/);
    expect(await table('teams')).toEqual(before);
  });
});

describe('/coach roster', () => {
  it('shows an admin everyone and the teams', async () => {
    const listing = await listRoster(world.db, world.clock, await world.actor('UADMIN'));
    expect(listing.scope).toBe('everyone');
    expect(listing.entries.map((entry) => entry.slackUserId)).toEqual(
      expect.arrayContaining(['UADMIN', 'UMGRA', 'UREP1', 'UREP2', 'UREP3']),
    );
    expect(listing.scope === 'everyone' && listing.teams.map((team) => team.name)).toEqual([
      'Americas',
      'EMEA',
    ]);
  });

  it('shows a manager only their reps', async () => {
    const listing = await listRoster(world.db, world.clock, await world.actor('UMGRA'));
    expect(listing.scope).toBe('reports');
    expect(listing.entries.map((entry) => entry.slackUserId).sort()).toEqual(['UNOTZ', 'UREP1', 'UREP3']);
    expect(listing.entries.find((entry) => entry.slackUserId === 'UREP3')).toMatchObject({
      teamName: 'EMEA',
      managerSlackUserId: 'UMGRA',
      promptTime: '08:15',
      promptTimeSource: 'team',
    });
  });

  it('shows a manager who is a rep too their own settings besides their reps', async () => {
    const boris = await world.actor('UMGRB');
    expect(await listRoster(world.db, world.clock, boris)).toMatchObject({ scope: 'reports', me: undefined });
    await addRep(world.db, world.clock, world.directory, await world.actor('UADMIN'), {
      repUserId: 'UMGRB',
      managerUserId: 'UMGRA',
    });
    const listing = await listRoster(world.db, world.clock, await world.actor('UMGRB'));
    expect(listing).toMatchObject({
      scope: 'reports',
      me: { slackUserId: 'UMGRB', isRep: true, isManager: true, managerSlackUserId: 'UMGRA' },
    });
    expect(listing.entries.map((entry) => entry.slackUserId)).not.toContain('UMGRB');
    await removeRep(world.db, world.clock, await world.actor('UMGRA'), 'UMGRB');
  });

  it('shows a rep only themself, and refuses someone not on the roster', async () => {
    const listing = await listRoster(world.db, world.clock, await world.actor('UREP1'));
    expect(listing).toMatchObject({ scope: 'self', entries: [{ slackUserId: 'UREP1' }] });
    expect(listing.entries).toHaveLength(1);
    await expect(listRoster(world.db, world.clock, await world.actor('UNOBODY'))).rejects.toThrow(
      /You are not on the roster/,
    );
  });
});
