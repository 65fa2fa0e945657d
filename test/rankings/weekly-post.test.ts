import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { claimStandingsPosts } from '../../src/db/queries/standings-posts.js';
import type { StandingsPost } from '../../src/db/schema.js';
import { publishClaimed, queueDueStandingsPosts } from '../../src/domain/rankings/posting.js';
import type { WeeklyStandings } from '../../src/domain/rankings/standings.js';
import { STANDINGS_METADATA_EVENT } from '../../src/slack/standings-channel.js';
import { CHECK_IN_ACTIONS, CHECK_IN_MODALS } from '../../src/slack/views/check-in.js';
import { CHART_LAYOUT, chartHeight } from '../../src/slack/views/standings-chart.js';
import { useBotFixture } from '../support/bot.js';
import { MovableClock } from '../support/clock.js';
import { eventually, saleValues, seedPerson, seedTeam, tick, WORKSPACE_ID } from '../support/coaching.js';
import type { StoredMessage } from '../support/slack-stand-in/index.js';
import { backdatePerson, seedSale, testStandingsPosting, tickStandings } from '../support/standings.js';

// Monday 23 November 2026, 12:00:30 in New York (EST, UTC−5): with the defaults (standings Monday
// 09:00, prompt 09:00, reminder after 120 minutes) the post is due at 12:00, once the answers about
// Friday are in, and that minute has just passed. The post covers Monday 16 to Sunday 22 November.
const MONDAY_NOON_NEW_YORK = '2026-11-23T17:00:30Z';
const MONDAY_9AM_NEW_YORK = '2026-11-23T14:00:30Z';
const LAST_WEEK = '2026-11-16';
const MINUTE = 60_000;

describe('the weekly standings post', () => {
  // Starts before noon: the bot's tick at start must not drop (as too late) a 09:00 prompt a test
  // is about to send.
  const clock = new MovableClock(MONDAY_9AM_NEW_YORK);
  // Prompts go out at once, so a rep can answer Monday's prompt within the test.
  const fixture = useBotFixture({
    clock,
    env: { DELIVERY_RATE_PER_MINUTE: '60000', DELIVERY_POLL_MS: '20' },
  });
  let teamCount = 0;

  const db = () => fixture.database.db;
  const posting = () => testStandingsPosting({ db: db(), clock, standIn: fixture.standIn });

  /** A New York team with a standings channel, a manager, and reps who sold last week. */
  async function teamWithSales(
    sales: Record<string, string>,
    seedMore?: (reps: Record<string, { personId: number; slackUserId: string }>) => Promise<void>,
  ) {
    const n = ++teamCount;
    const channelId = `CTEAM${n}`;
    const managerId = `UMGR${n}`;
    fixture.standIn.addUser({ id: managerId, tz: 'America/New_York' });
    const manager = await seedPerson(db(), { slackUserId: managerId, isRep: false, isManager: true });
    const teamId = await seedTeam(db(), {
      name: `Team ${n}`,
      timezone: 'America/New_York',
      managerId: manager,
    });
    const reps: Record<string, { personId: number; slackUserId: string }> = {};
    for (const [name, amount] of Object.entries(sales)) {
      const slackUserId = `U${name.toUpperCase()}${n}`;
      fixture.standIn.addUser({ id: slackUserId, tz: 'America/New_York' });
      const personId = await seedPerson(db(), { slackUserId, name, teamId, managerId: manager });
      await backdatePerson(db(), personId);
      if (amount !== '0') await seedSale(db(), personId, '2026-11-18', amount);
      reps[name] = { personId, slackUserId };
    }
    await seedMore?.(reps);
    // The channel comes last: the bot's own minute job may tick at any moment, and must not post a
    // team whose reps are not all seeded yet.
    await db()
      .updateTable('teams')
      .set({ standings_channel_id: channelId })
      .where('id', '=', teamId)
      .execute();
    return { teamId, channelId, managerId, reps };
  }

  const postRow = (teamId: number) =>
    db()
      .selectFrom('standings_posts')
      .selectAll()
      .where('team_id', '=', teamId)
      .where('week_start', '=', LAST_WEEK)
      .executeTakeFirst();

  async function settledRow(
    teamId: number,
    status: StandingsPost['status'] = 'posted',
  ): Promise<StandingsPost> {
    return eventually(async () => {
      const row = await postRow(teamId);
      return row?.status === status ? row : undefined;
    });
  }

  const channelPosts = (channelId: string): StoredMessage[] =>
    fixture.standIn
      .messages(channelId)
      .filter((message) => message.metadata?.event_type === STANDINGS_METADATA_EVENT);
  const postCalls = (channelId: string) =>
    fixture.standIn.calls('chat.postMessage').filter((call) => call.args.channel === channelId);

  it('posts last week once, named and ranked, with the chart uploaded into its thread', async () => {
    clock.set(MONDAY_NOON_NEW_YORK);
    const team = await teamWithSales({ ana: '3000.00', ben: '1500.00', cleo: '1500.00' });
    await tickStandings(posting());
    const row = await settledRow(team.teamId);

    const [post, ...others] = channelPosts(team.channelId);
    expect(others).toEqual([]);
    expect(post?.ts).toBe(row.message_ts);
    expect(post?.metadata?.event_payload).toEqual({ post_id: row.id });
    const blocks = JSON.stringify(post?.blocks);
    expect(blocks).toContain('Weekly standings · Team 1 · 16–22 Nov 2026');
    expect(blocks).toContain(`*1.* <@${team.reps.ana!.slackUserId}> · *USD 3,000*`);
    expect(blocks).toContain(`*=2* <@${team.reps.ben!.slackUserId}> · *USD 1,500*`);
    expect(blocks).toContain(`*=2* <@${team.reps.cleo!.slackUserId}> · *USD 1,500*`);

    // The two-step upload: the announced length is the bytes sent, shared in the post's thread.
    const [file, ...moreFiles] = fixture.standIn.uploadedFiles();
    expect(moreFiles).toEqual([]);
    expect(file).toMatchObject({ completed: true, channelId: team.channelId, threadTs: row.message_ts });
    expect(row.file_id).toBe(file?.fileId);
    const [slot] = fixture.standIn.calls('files.getUploadURLExternal');
    expect(Number(slot?.args.length)).toBe(file?.bytes.length);
    // A screen reader hears the board, not only the chart's name.
    const altText =
      'Bar chart of revenue in USD this week: 1. ana USD 3,000; =2 ben USD 1,500; =2 cleo USD 1,500. 3 reps.';
    // Under the name Slack's reference gives (alt_txt), and the one @slack/web-api sends (alt_text).
    expect([slot?.args.alt_txt, slot?.args.alt_text]).toEqual([altText, altText]);
    const png = PNG.sync.read(file!.bytes);
    const standings = row.standings as unknown as WeeklyStandings;
    expect(png.width).toBe(CHART_LAYOUT.width);
    expect(png.height).toBe(chartHeight(standings.entries.length));
    const barAt = (row: number) => {
      const y = CHART_LAYOUT.headerHeight + row * CHART_LAYOUT.rowHeight + CHART_LAYOUT.rowHeight / 2;
      let length = 0;
      for (let x = CHART_LAYOUT.barLeft; x < png.width; x++) {
        const at = (png.width * y + x) * 4;
        if (png.data[at] === 0x2f && png.data[at + 1] === 0x6f && png.data[at + 2] === 0xd6) length++;
      }
      return length;
    };
    expect(barAt(0)).toBe(CHART_LAYOUT.barMaxWidth);
    expect(barAt(1)).toBe(CHART_LAYOUT.barMaxWidth / 2);

    // Ticking on through the hour (every replica does) posts nothing more.
    for (let minute = 1; minute <= 5; minute++) {
      clock.advance(MINUTE);
      await tickStandings(posting());
    }
    expect(channelPosts(team.channelId)).toHaveLength(1);
    expect(fixture.standIn.calls('files.completeUploadExternal')).toHaveLength(1);
  });

  it('lists the reps at zero on one line, effort out of the days asked, and counts who was away without naming them', async () => {
    clock.set(MONDAY_NOON_NEW_YORK);
    const team = await teamWithSales({ ana: '3000.00', ben: '0', cleo: '0', dan: '0' }, async (reps) => {
      // Dan was off Monday to Friday; Ben was asked about Thursday and Friday only.
      await db()
        .insertInto('out_of_office')
        .values({ person_id: reps.dan!.personId, first_day: '2026-11-16', last_day: '2026-11-20' })
        .execute();
      const asked: Array<[string, string, 'tried' | null]> = [
        ['2026-11-20', '2026-11-19', 'tried'],
        ['2026-11-23', '2026-11-20', null],
      ];
      await db()
        .insertInto('check_ins')
        .values(
          asked.map(([localDate, aboutDate, outcome]) => ({
            workspace_id: WORKSPACE_ID,
            person_id: reps.ben!.personId,
            local_date: localDate,
            about_date: aboutDate,
            question: null,
            stage: outcome === null ? ('prompted' as const) : ('answered' as const),
            outcome,
            prompted_at: `${localDate}T14:00:00Z`,
          })),
        )
        .execute();
    });
    await tickStandings(posting());
    await settledRow(team.teamId);

    const [post] = channelPosts(team.channelId);
    const { ana, ben, cleo, dan } = team.reps;
    const blocks = JSON.stringify(post?.blocks);
    expect(blocks).toContain(`*1.* <@${ana!.slackUserId}> · *USD 3,000*`);
    expect(blocks).toContain(`No sale this week: <@${ben!.slackUserId}>, <@${cleo!.slackUserId}>`);
    expect(blocks).not.toContain('*USD 0*');
    expect(blocks).toContain(`*1.* <@${ben!.slackUserId}> · tried 1 of 2 days asked · answered 1`);
    expect(blocks).toContain(':palm_tree: 1 teammate away all week, not ranked');
    expect(JSON.stringify(post)).not.toContain(dan!.slackUserId);
    expect(post?.text).toMatch(
      /^Weekly standings · Team \d+ · 16–22 Nov 2026: 1\. ana USD 3,000; team total USD 3,000$/,
    );
  });

  it("with the defaults, includes the sale a rep reports in Monday's prompt about Friday", async () => {
    clock.set(MONDAY_9AM_NEW_YORK);
    const team = await teamWithSales({ pia: '0', quin: '500.00' });
    const pia = team.reps.pia!;
    await tick(db(), clock);
    // Waits for the bot's delivery worker to post the prompt: generous, as a busy machine slows it.
    const checkIn = await eventually(
      () =>
        db()
          .selectFrom('check_ins')
          .selectAll()
          .where('person_id', '=', pia.personId)
          .where('prompt_ts', 'is not', null)
          .executeTakeFirst(),
      15_000,
    );
    expect(checkIn).toMatchObject({ local_date: '2026-11-23', about_date: '2026-11-20' });
    // The standings time (09:00) has come, but Friday's answers have not: nothing goes out yet.
    await tickStandings(posting());
    expect(await postRow(team.teamId)).toBeUndefined();

    // 10:00, after the prompt and before its reminder (11:00): Pia sold on Friday.
    clock.set('2026-11-23T15:00:00Z');
    await fixture.bot.driver.blockAction({
      userId: pia.slackUserId,
      actionId: CHECK_IN_ACTIONS.sold,
      value: checkIn.id,
      channelId: checkIn.prompt_channel_id as string,
      messageTs: checkIn.prompt_ts as string,
    });
    const submitted = await fixture.bot.driver.viewSubmission({
      userId: pia.slackUserId,
      callbackId: CHECK_IN_MODALS.sale,
      privateMetadata: checkIn.id,
      viewId: 'VSALEFRIDAY',
      values: saleValues({ description: '20 seats', amount: '900', account: 'Initech', wonBecause: 'Pilot' }),
    });
    expect(submitted.status).toBe(200);
    expect(
      await db().selectFrom('sales').select('closed_on').where('check_in_id', '=', checkIn.id).execute(),
    ).toEqual([{ closed_on: '2026-11-20' }]);

    clock.set(MONDAY_NOON_NEW_YORK);
    await tickStandings(posting());
    const row = await settledRow(team.teamId);
    expect(row.due_at.toISOString()).toBe('2026-11-23T17:00:00.000Z');
    const blocks = JSON.stringify(channelPosts(team.channelId)[0]?.blocks);
    expect(blocks).toContain(`*1.* <@${pia.slackUserId}> · *USD 900*`);
    expect(blocks).toContain(`*2.* <@${team.reps.quin!.slackUserId}> · *USD 500*`);
  });

  it('keeps claiming within one tick while more teams are due', async () => {
    clock.set(MONDAY_NOON_NEW_YORK);
    const teams = [await teamWithSales({ lea: '100.00' }), await teamWithSales({ max: '200.00' })];
    const oneAtATime = posting();
    await tickStandings({ ...oneAtATime, policy: { ...oneAtATime.policy, batchSize: 1 } });
    for (const team of teams) expect((await postRow(team.teamId))?.status).toBe('posted');
  });

  it('gives back a claimed post whose lease is running out instead of posting it', async () => {
    clock.set(MONDAY_NOON_NEW_YORK);
    const team = await teamWithSales({ ned: '300.00' });
    const replica = posting();
    await queueDueStandingsPosts(db(), clock, replica.policy);
    const now = clock.now();
    // As if Slack's waits had taken most of the lease before this row's turn came.
    const claimed = await claimStandingsPosts(db(), {
      now,
      leaseUntil: new Date(now.getTime() + replica.policy.leaseMs / 4),
      workerId: replica.workerId,
      dueSince: new Date(now.getTime() - MINUTE * 60),
      limit: 100,
    });
    const mine = claimed.filter((post) => post.team_id === team.teamId);
    expect(mine).toHaveLength(1);
    const round = await publishClaimed(replica, mine);
    expect(round).toEqual({ results: [], errors: [] });
    expect(postCalls(team.channelId)).toHaveLength(0);
    // Back in the queue at once: the next tick posts it.
    expect((await postRow(team.teamId))?.lease_until?.getTime()).toBeLessThanOrEqual(clock.now().getTime());
    await tickStandings(replica);
    await settledRow(team.teamId);
    expect(channelPosts(team.channelId)).toHaveLength(1);
  });

  it('waits out a 429 from Slack and posts once', async () => {
    clock.set(MONDAY_NOON_NEW_YORK);
    const team = await teamWithSales({ dee: '800.00' });
    // Only the channel's post: a prompt the bot's own tick sends meanwhile must not take the 429.
    fixture.standIn.fail(
      'chat.postMessage',
      { kind: 'rate_limited', retryAfterSeconds: 1 },
      { when: (call) => call.args.channel === team.channelId },
    );
    await tickStandings(posting());
    await settledRow(team.teamId);
    expect(postCalls(team.channelId).map((call) => call.status)).toEqual([429, 200]);
    expect(channelPosts(team.channelId)).toHaveLength(1);
  });

  it('a post whose answer was lost is found in the channel, not posted again', async () => {
    clock.set(MONDAY_NOON_NEW_YORK);
    const team = await teamWithSales({ eve: '900.00' });
    // Slack stores the post and then fails the answer: the row does not learn its ts.
    fixture.standIn.fail(
      'chat.postMessage',
      { kind: 'server_error', afterHandling: true },
      { when: (call) => call.args.channel === team.channelId },
    );
    await tickStandings(posting());
    const waiting = await postRow(team.teamId);
    expect(waiting).toMatchObject({ status: 'posting', message_ts: null });
    expect(channelPosts(team.channelId)).toHaveLength(1);

    // When the back-off lease ends the next claim looks in the channel history first.
    clock.advance(2 * MINUTE);
    await tickStandings(posting());
    const row = await settledRow(team.teamId);
    expect(row.message_ts).toBe(channelPosts(team.channelId)[0]?.ts);
    expect(postCalls(team.channelId)).toHaveLength(1);
    expect(fixture.standIn.uploadedFiles().filter((file) => file.completed)).toHaveLength(1);
  });

  it('/ranking post after Slack timed out on the last attempt finds the post instead of posting again', async () => {
    clock.set(MONDAY_NOON_NEW_YORK);
    const team = await teamWithSales({ oli: '650.00' });
    fixture.standIn.addUser({ id: 'UADMIN2', tz: 'America/New_York' });
    await seedPerson(db(), { slackUserId: 'UADMIN2', isRep: false, isAdmin: true });
    fixture.standIn.fail(
      'chat.postMessage',
      { kind: 'server_error', afterHandling: true },
      { when: (call) => call.args.channel === team.channelId },
    );
    await tickStandings(posting());
    // As if that had been the last attempt: given up, although Slack has the post.
    await db()
      .updateTable('standings_posts')
      .set({ status: 'failed', failure_reason: 'slack_unavailable: HTTP 500 from Slack', lease_until: null })
      .where('team_id', '=', team.teamId)
      .execute();
    const before = fixture.standIn.calls('response_url').length;
    await fixture.bot.driver.slashCommand({
      command: '/ranking',
      text: `post "Team ${teamCount}"`,
      userId: 'UADMIN2',
    });
    const calls = await fixture.standIn.waitForCalls('response_url', before + 1, 5_000);
    expect(String(calls[before]?.args.text)).toMatch(/^Posted the standings of/);
    expect(postCalls(team.channelId)).toHaveLength(1);
    expect((await postRow(team.teamId))?.message_ts).toBe(channelPosts(team.channelId)[0]?.ts);
  });

  it('a chart shared before the answer was lost is found in the thread, not uploaded again', async () => {
    clock.set(MONDAY_NOON_NEW_YORK);
    const team = await teamWithSales({ finn: '1000.00' });
    fixture.standIn.fail('files.completeUploadExternal', { kind: 'server_error', afterHandling: true });
    await tickStandings(posting());
    expect(await postRow(team.teamId)).toMatchObject({
      status: 'posting',
      failure_reason: 'chart: HTTP 500 from Slack',
    });

    clock.advance(2 * MINUTE);
    await tickStandings(posting());
    const row = await settledRow(team.teamId);
    expect(fixture.standIn.calls('files.getUploadURLExternal')).toHaveLength(1);
    const [file] = fixture.standIn.uploadedFiles();
    expect(file).toMatchObject({ fileId: row.file_id, completed: true, threadTs: row.message_ts });
    expect(row.failure_reason).toBeNull();
  });

  it('not_in_channel: failed once, the manager and admins told once, no retry loop; /ranking post after the invite posts it once', async () => {
    clock.set(MONDAY_NOON_NEW_YORK);
    const team = await teamWithSales({ gus: '1200.00', hal: '400.00' });
    fixture.standIn.addUser({ id: 'UADMIN1', tz: 'America/New_York' });
    await seedPerson(db(), { slackUserId: 'UADMIN1', isRep: false, isAdmin: true });
    fixture.standIn.removeBotFromChannel(team.channelId);

    await tickStandings(posting());
    const failed = await settledRow(team.teamId, 'failed');
    expect(failed.failure_reason).toBe('not_in_channel');
    const notices = (userId: string) => fixture.standIn.messages(userId);
    await eventually(() => (notices('UADMIN1').length > 0 ? true : undefined));
    for (const userId of [team.managerId, 'UADMIN1']) {
      expect(notices(userId)).toHaveLength(1);
      expect(notices(userId)[0]?.text).toContain(`I am not a member of <#${team.channelId}>`);
      expect(notices(userId)[0]?.text).toContain('`/ranking post "Team');
    }
    // Only an admin can post the week again: the manager, who is not one, is told to ask one.
    expect(notices('UADMIN1')[0]?.text).toContain('pick me), then run `/ranking post "Team');
    expect(notices(team.managerId)[0]?.text).toContain(
      'pick me), then ask an admin to run `/ranking post "Team',
    );

    // The manager's Home tab shows it too, with what to do.
    await fixture.bot.driver.event({ type: 'app_home_opened', user: team.managerId, tab: 'home' });
    const [home] = await fixture.standIn.waitForCalls('views.publish', 1, 5_000);
    const homeText = JSON.stringify(home?.args.view);
    expect(homeText).toContain('Weekly standings not posted');
    expect(homeText).toContain(`the week of Mon 16 Nov 2026: I am not a member of <#${team.channelId}>`);
    // The manager's tab, like the manager's DM, says to ask an admin for the admin's step.
    expect(homeText).toContain('then ask an admin to run `/ranking post');

    // An hour of ticks on every replica: nothing more reaches the channel or the people.
    for (let minute = 1; minute <= 60; minute += 3) {
      clock.advance(3 * MINUTE);
      await tickStandings(posting());
    }
    expect(postCalls(team.channelId)).toHaveLength(1);
    expect(notices(team.managerId)).toHaveLength(1);
    expect(notices('UADMIN1')).toHaveLength(1);

    // The manager is not an admin: refused, nothing posted.
    const ranking = async (userId: string, text: string) => {
      const before = fixture.standIn.calls('response_url').length;
      const response = await fixture.bot.driver.slashCommand({ command: '/ranking', text, userId });
      expect(response.status).toBe(200);
      const calls = await fixture.standIn.waitForCalls('response_url', before + 1, 5_000);
      expect(calls[before]?.args.response_type).toBe('ephemeral');
      return String(calls[before]?.args.text);
    };
    const teamName = `"Team ${teamCount}"`;
    expect(await ranking(team.managerId, `post ${teamName}`)).toContain(
      'Only admins can post the weekly standings',
    );
    expect(postCalls(team.channelId)).toHaveLength(1);

    fixture.standIn.inviteBotToChannel(team.channelId);
    expect(await ranking('UADMIN1', `post ${teamName}`)).toContain(
      `Posted the standings of *Team ${teamCount}* for the week of Mon 16 Nov 2026 in <#${team.channelId}>.`,
    );
    expect(channelPosts(team.channelId)).toHaveLength(1);
    expect((await postRow(team.teamId))?.status).toBe('posted');
    expect(await ranking('UADMIN1', `post ${teamName}`)).toContain('are already posted in <#');
    expect(channelPosts(team.channelId)).toHaveLength(1);
  });

  it('is_archived: /ranking post after the team picked another channel posts in the new one, with the figures as they are now', async () => {
    clock.set(MONDAY_NOON_NEW_YORK);
    const team = await teamWithSales({ ida: '300.00' });
    fixture.standIn.addUser({ id: 'UADMIN3', tz: 'America/New_York' });
    await seedPerson(db(), { slackUserId: 'UADMIN3', isRep: false, isAdmin: true });
    fixture.standIn.archiveChannel(team.channelId);
    await tickStandings(posting());
    const failed = await settledRow(team.teamId, 'failed');
    expect(failed).toMatchObject({ failure_reason: 'is_archived', channel_id: team.channelId });

    // As the notice says: another channel, a sale that came in late for that week, then the re-run.
    const newChannel = `${team.channelId}NEW`;
    await db()
      .updateTable('teams')
      .set({ standings_channel_id: newChannel })
      .where('id', '=', team.teamId)
      .execute();
    await seedSale(db(), team.reps.ida!.personId, '2026-11-19', '200.00');
    const before = fixture.standIn.calls('response_url').length;
    await fixture.bot.driver.slashCommand({
      command: '/ranking',
      text: `post "Team ${teamCount}"`,
      userId: 'UADMIN3',
    });
    const calls = await fixture.standIn.waitForCalls('response_url', before + 1, 5_000);
    expect(String(calls[before]?.args.text)).toContain(
      `Posted the standings of *Team ${teamCount}* for the week of Mon 16 Nov 2026 in <#${newChannel}>.`,
    );
    expect(channelPosts(newChannel)).toHaveLength(1);
    expect(channelPosts(team.channelId)).toHaveLength(0);
    const row = await postRow(team.teamId);
    expect(row).toMatchObject({ status: 'posted', channel_id: newChannel });
    expect((row!.standings as unknown as WeeklyStandings).total).toBe('500.00');
  });

  it('drops a post that could not go out within a day instead of posting it late', async () => {
    clock.set(MONDAY_NOON_NEW_YORK);
    const team = await teamWithSales({ ida: '100.00' });
    fixture.standIn.removeBotFromChannel(team.channelId);
    // The bot was down all Monday: the row was queued then, and nobody claimed it.
    await db()
      .insertInto('standings_posts')
      .values({
        workspace_id: 'T0001',
        team_id: team.teamId,
        week_start: LAST_WEEK,
        due_at: '2026-11-23T17:00:00Z',
      })
      .execute();
    clock.set('2026-11-24T17:30:00Z');
    await tickStandings(posting());
    const row = await settledRow(team.teamId, 'failed');
    expect(row.failure_reason).toBe('expired');
    expect(postCalls(team.channelId)).toHaveLength(0);
  });

  describe('/ranking', () => {
    it('shows a rep their team this week so far, only to them', async () => {
      // Wednesday: last week's post is long past its window, so nothing here posts to the channel.
      clock.set('2026-11-25T15:00:00Z');
      const team = await teamWithSales({ jo: '500.00', kim: '0' });
      await seedSale(db(), team.reps.kim!.personId, '2026-11-23', '250.00');
      const response = await fixture.bot.driver.slashCommand({
        command: '/ranking',
        text: '',
        userId: team.reps.jo!.slackUserId,
      });
      expect(response.status).toBe(200);
      const [call] = await fixture.standIn.waitForCalls('response_url', 1, 5_000);
      expect(call?.args.response_type).toBe('ephemeral');
      const blocks = JSON.stringify(call?.args.blocks);
      expect(blocks).toContain(`so far this week (23–29 Nov 2026)`);
      expect(blocks).toContain(`*1.* <@${team.reps.kim!.slackUserId}> · *USD 250*`);
      // The week is posted on the team's day of the week after, at its time (default 09:00) or,
      // as with the defaults, once the answers about its last workday are in (12:00).
      expect(blocks).toContain(
        `The final standings go to <#${team.channelId}> on Mon 30 Nov 2026 at 12:00 (America/New_York).`,
      );
      // Nothing is posted to the channel for it.
      expect(postCalls(team.channelId)).toHaveLength(0);
    });

    it('tells someone not on the roster, or on no team, why there is nothing to show', async () => {
      fixture.standIn.addUser({ id: 'UNOTEAM', tz: 'America/New_York' });
      fixture.standIn.addUser({ id: 'UREPNOTEAM', tz: 'America/New_York' });
      await seedPerson(db(), { slackUserId: 'UREPNOTEAM' });
      const ranking = async (userId: string) => {
        const before = fixture.standIn.calls('response_url').length;
        const response = await fixture.bot.driver.slashCommand({ command: '/ranking', text: '', userId });
        expect(response.status).toBe(200);
        const calls = await fixture.standIn.waitForCalls('response_url', before + 1, 5_000);
        return calls[before]?.args;
      };
      expect(await ranking('UNOTEAM')).toMatchObject({
        response_type: 'ephemeral',
        text: expect.stringMatching(
          /^You are not on the roster, so there are no standings to show you\. Ask your manager or .+ to add you to a team\.$/,
        ),
      });
      expect(await ranking('UREPNOTEAM')).toMatchObject({
        response_type: 'ephemeral',
        text: expect.stringMatching(
          /^You are not on a team, so there are no standings to show you\. Ask your manager or .+ to add you to one\.$/,
        ),
      });
    });

    it('answers anything else with how to use it', async () => {
      const response = await fixture.bot.driver.slashCommand({
        command: '/ranking',
        text: 'frob',
        userId: 'UNOTEAM',
      });
      expect(response.json).toMatchObject({
        response_type: 'ephemeral',
        text: expect.stringContaining('/ranking post'),
      });
    });
  });
});
