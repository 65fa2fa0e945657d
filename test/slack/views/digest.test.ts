import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { DayStatus, Digest, DigestRep } from '../../../src/domain/coaching/digest.js';
import {
  buildDigestHomeBlocks,
  buildDigestMessage,
  DIGEST_BLOCKS,
  DIGEST_HOME_BLOCKS,
  DIGEST_MAX_BLOCKS,
} from '../../../src/slack/views/digest.js';

type Message = { text: string; blocks: KnownBlock[] };

function texts(blocks: KnownBlock[]): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object') {
      const node = value as Record<string, unknown>;
      if ((node.type === 'mrkdwn' || node.type === 'plain_text') && typeof node.text === 'string') {
        found.push(node.text);
      }
      Object.values(node).forEach(walk);
    }
  };
  walk(blocks);
  return found;
}

function repSections(message: Message): string[] {
  return message.blocks
    .filter((block) => block.block_id?.startsWith(DIGEST_BLOCKS.repPrefix))
    .flatMap((block) => texts([block]));
}

function expectWithinSlackLimits(message: Message): void {
  expect(message.blocks.length).toBeLessThanOrEqual(DIGEST_MAX_BLOCKS);
  expect(message.blocks.length).toBeLessThanOrEqual(50);
  const ids = message.blocks.map((block) => block.block_id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids) expect(id?.length ?? 0).toBeLessThanOrEqual(255);
  for (const text of texts(message.blocks)) expect(text.length).toBeLessThanOrEqual(3000);
  for (const block of message.blocks) {
    if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(150);
  }
  expect(message.text.length).toBeLessThanOrEqual(300);
}

function rep(index: number, today: DayStatus, flags: DigestRep['flags'] = []): DigestRep {
  return {
    personId: index + 1,
    name: `Rep ${index + 1}`,
    slackUserId: `U${String(index + 1).padStart(4, '0')}`,
    today,
    flags,
  };
}

function countsOf(reps: DigestRep[]): Digest['counts'] {
  const counts = { sold: 0, tried: 0, didNotTry: 0, noAnswer: 0, notPromptedYet: 0, notPrompted: 0 };
  for (const r of reps) {
    if (r.today.kind === 'sold') counts.sold++;
    else if (r.today.kind === 'tried') counts.tried++;
    else if (r.today.kind === 'did_not_try') counts.didNotTry++;
    else if (r.today.kind === 'no_answer') counts.noAnswer++;
    else if (r.today.kind === 'not_prompted_yet') counts.notPromptedYet++;
    else counts.notPrompted++;
  }
  return counts;
}

function digestOf(reps: DigestRep[]): Digest {
  return {
    managerName: 'Maria',
    localDate: '2026-03-10',
    reps,
    counts: countsOf(reps),
    flagged: reps.filter((r) => r.flags.length > 0).length,
    overdue: [],
  };
}

const sold: DayStatus = {
  kind: 'sold',
  description: '12 seats',
  amount: '1200.50',
  currency: 'USD',
  account: 'Acme',
};

describe('digest with 3 reps', () => {
  const reps = [
    rep(0, { kind: 'did_not_try', obstacle: 'waiting_on_customer', note: 'Legal review' }, [
      { kind: 'did_not_try_streak', text: "didn't try 3 workdays running" },
      { kind: 'repeated_obstacle', text: "'Waiting on the customer' 3 times in two weeks" },
    ]),
    rep(1, sold),
    rep(2, { kind: 'tried', skill: 'unsure', note: 'Demo went long' }),
  ];
  const message = buildDigestMessage(digestOf(reps));

  it('fits in one message without a thread', () => {
    expect(message.thread).toBeUndefined();
    expectWithinSlackLimits(message);
  });

  it('opens with the date and the counts', () => {
    expect(texts(message.blocks).slice(0, 2)).toEqual([
      'Check-ins · Tue 10 Mar 2026',
      "1 sold · 1 tried · 1 didn't try · 0 no answer",
    ]);
    expect(message.text).toBe(
      "Check-ins for Tue 10 Mar 2026: 1 sold · 1 tried · 1 didn't try · 0 no answer · 1 worth a conversation",
    );
  });

  it('lists flagged reps under "Worth a conversation today" with a mention and their flags', () => {
    const flags = message.blocks.find((b) => b.block_id === `${DIGEST_BLOCKS.flagsPrefix}0`);
    expect(texts(flags ? [flags] : [])).toEqual([
      "*Worth a conversation today*\n• <@U0001> — didn't try 3 workdays running; 'Waiting on the customer' 3 times in two weeks",
    ]);
  });

  it('gives one line per rep, naming what was sold, the skill and the obstacle', () => {
    expect(repSections(message)).toEqual([
      "<@U0001> :triangular_flag_on_post:  :construction: didn't try — Waiting on the customer · Legal review",
      '<@U0002>  :white_check_mark: sold 12 seats — USD 1,200.50 · Acme',
      '<@U0003>  :muscle: tried — not sure what to do next · Demo went long',
    ]);
  });

  it('omits the flag section when nobody is flagged', () => {
    const calm = buildDigestMessage(digestOf([rep(0, sold)]));
    expect(calm.blocks.some((b) => b.block_id?.startsWith(DIGEST_BLOCKS.flagsPrefix))).toBe(false);
    expect(calm.text).not.toContain('worth a conversation');
  });
});

describe('digest lines for every status', () => {
  it('words no answer, not prompted and a try without a skill', () => {
    const message = buildDigestMessage(
      digestOf([
        rep(0, { kind: 'no_answer' }),
        rep(1, { kind: 'not_prompted', reason: 'out of office' }),
        rep(2, { kind: 'tried', skill: null, note: null }),
        rep(3, { kind: 'did_not_try', obstacle: 'no_pipeline', note: '  ' }),
      ]),
    );
    expect(repSections(message)).toEqual([
      '<@U0001>  :grey_question: no answer',
      '<@U0002>  :zzz: not prompted — out of office',
      '<@U0003>  :muscle: tried',
      "<@U0004>  :construction: didn't try — No pipeline",
    ]);
    expect(texts(message.blocks)[1]).toBe("0 sold · 1 tried · 1 didn't try · 1 no answer · 1 not prompted");
  });

  it('tells a prompt still to come from one that will not come, in the lines and the counts', () => {
    const message = buildDigestMessage(
      digestOf([
        rep(0, { kind: 'not_prompted_yet', promptTime: '09:00' }),
        rep(1, { kind: 'not_prompted_yet', promptTime: '14:30' }),
        rep(2, { kind: 'not_prompted', reason: 'public holiday (Christmas Day)' }),
      ]),
    );
    expect(repSections(message)).toEqual([
      '<@U0001>  :hourglass_flowing_sand: not prompted yet — prompt at 09:00 their time',
      '<@U0002>  :hourglass_flowing_sand: not prompted yet — prompt at 14:30 their time',
      '<@U0003>  :zzz: not prompted — public holiday (Christmas Day)',
    ]);
    expect(texts(message.blocks)[1]).toBe(
      "0 sold · 0 tried · 0 didn't try · 0 no answer · 2 not prompted yet · 1 not prompted",
    );
  });

  it('escapes names, notes, descriptions and flag texts', () => {
    const message = buildDigestMessage(
      digestOf([
        {
          ...rep(0, { ...sold, description: '<script>alert(1)</script>', account: 'Smith & Sons' }),
          slackUserId: 'bad id',
        },
        rep(1, { kind: 'tried', skill: 'knows', note: '<!channel> & co' }, [
          { kind: 'did_not_know', text: 'a <b> & c' },
        ]),
      ]),
    );
    const all = texts(message.blocks).join('\n');
    expect(all).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(all).toContain('Smith &amp; Sons');
    expect(all).toContain('&lt;!channel&gt; &amp; co');
    expect(all).toContain('a &lt;b&gt; &amp; c');
    expect(all).toContain('*Rep 1*');
    expect(all).not.toMatch(/<script>|<!channel>|<b>/);
  });

  it('keeps sections under 3,000 characters with the longest possible answers', () => {
    const worst = '&<'.repeat(1500);
    const message = buildDigestMessage(
      digestOf([
        rep(0, { ...sold, description: worst, account: worst }, [{ kind: 'did_not_know', text: worst }]),
        rep(1, { kind: 'did_not_try', obstacle: 'other', note: worst }),
        rep(2, { kind: 'not_prompted', reason: worst }),
      ]),
    );
    expectWithinSlackLimits(message);
  });

  it('says so when no rep reports to the manager', () => {
    const message = buildDigestMessage(digestOf([]));
    expect(message.thread).toBeUndefined();
    const empty = message.blocks.find((block) => block.block_id === DIGEST_BLOCKS.empty);
    expect(texts(empty ? [empty] : [])).toEqual(['No reps report to you yet.']);
  });
});

describe('digest with 60 reps', () => {
  const statuses: DayStatus[] = [
    sold,
    { kind: 'tried', skill: 'knows', note: 'Called back' },
    { kind: 'did_not_try', obstacle: 'admin_work', note: null },
    { kind: 'no_answer' },
    { kind: 'not_prompted', reason: 'holiday' },
  ];
  const reps = Array.from({ length: 60 }, (_, i) =>
    rep(
      i,
      statuses[i % statuses.length]!,
      i % 7 === 0 ? [{ kind: 'did_not_know', text: "didn't know what to do next" }] : [],
    ),
  );
  const message = buildDigestMessage(digestOf(reps));
  const all = [message, ...(message.thread ?? [])];

  it('keeps the counts and flags in the main message and moves the rep lines to the thread', () => {
    expect(message.thread?.length).toBeGreaterThan(0);
    expect(repSections(message)).toEqual([]);
    expect(texts(message.blocks)[1]).toBe(
      "12 sold · 12 tried · 12 didn't try · 12 no answer · 12 not prompted",
    );
    const flagged = message.blocks.filter((b) => b.block_id?.startsWith(DIGEST_BLOCKS.flagsPrefix));
    expect(
      texts(flagged)
        .join('\n')
        .match(/<@U\d{4}>/g),
    ).toHaveLength(reps.filter((r) => r.flags.length).length);
    expect(message.blocks.some((b) => b.block_id === DIGEST_BLOCKS.threadHint)).toBe(true);
  });

  it('holds every message within Slack limits', () => {
    for (const part of all) expectWithinSlackLimits(part);
  });

  it('shows every rep exactly once, in the digest order', () => {
    const mentions = all.flatMap(repSections).map((line) => /^<@(U\d{4})>/.exec(line)?.[1]);
    expect(mentions).toEqual(reps.map((r) => r.slackUserId));
  });

  it('labels the thread parts', () => {
    const parts = message.thread ?? [];
    expect(parts.map((p) => p.text)).toEqual(
      parts.map((_, i) => `Check-ins for Tue 10 Mar 2026, part ${i + 1} of ${parts.length}`),
    );
  });
});

describe('digest with more flagged reps than the main message holds', () => {
  const longFlag = `didn't try ${'very '.repeat(110)}often`;
  const reps = Array.from({ length: 400 }, (_, i) =>
    rep(i, { kind: 'no_answer' }, [{ kind: 'did_not_try_streak', text: longFlag }]),
  );
  const message = buildDigestMessage(digestOf(reps));
  const all = [message, ...(message.thread ?? [])];

  it('moves the overflow of flags to the thread and still lists every rep once', () => {
    for (const part of all) expectWithinSlackLimits(part);
    const flagMentions = all
      .flatMap((m) => m.blocks.filter((b) => b.block_id?.startsWith(DIGEST_BLOCKS.flagsPrefix)))
      .flatMap(
        (b) =>
          texts([b])
            .join('\n')
            .match(/<@U\d{4}>/g) ?? [],
      );
    expect(flagMentions).toHaveLength(400);
    expect(new Set(flagMentions).size).toBe(400);
    expect(all.flatMap(repSections)).toHaveLength(400);
  });
});

describe('digest with commitments', () => {
  const reps = Array.from({ length: 60 }, (_, i) =>
    rep(
      i,
      { kind: 'no_answer' },
      i < 30 ? [{ kind: 'did_not_try_streak', text: "didn't try 2 workdays running" }] : [],
    ),
  );
  const overdue = Array.from({ length: 14 }, (_, i) => ({
    name: `Rep ${i + 1}`,
    slackUserId: `U${String(i + 1).padStart(4, '0')}`,
    text: `follow up with account ${i + 1} ${'and more '.repeat(40)}`,
    dueOn: '2026-03-02',
    daysOverdue: 8,
  }));
  const message = buildDigestMessage({
    ...digestOf(reps),
    overdue,
    followUps: {
      today: '2026-03-10',
      askAgainOn: '2026-03-11',
      items: [{ commitmentId: '7', text: 'ask legal about the terms', dueOn: '2026-03-11', answer: null }],
      more: 0,
    },
  });

  it('keeps the overdue list and the manager’s own follow-ups in the main message, within Slack limits', () => {
    for (const part of [message, ...(message.thread ?? [])]) expectWithinSlackLimits(part);
    const overdueText = message.blocks
      .filter((block) => block.block_id?.startsWith(DIGEST_BLOCKS.overduePrefix))
      .flatMap((block) => texts([block]))
      .join('\n');
    expect(overdueText).toMatch(/^\*Overdue commitments\*\n• <@U0001> — follow up with account 1 /);
    expect(overdueText).toContain('· due Mon 2 Mar 2026 · 8 days overdue');
    expect(overdueText.match(/^• /gm)).toHaveLength(10);
    expect(overdueText).toMatch(/…and 4 more$/);
    expect(texts(message.blocks)).toContain('You agreed to *ask legal about the terms* by tomorrow — done?');
    expect(message.blocks.some((block) => block.block_id === DIGEST_BLOCKS.yourCommitments)).toBe(true);
  });

  it('leaves the sections out when there is nothing overdue and nothing to ask', () => {
    const plain = buildDigestMessage(digestOf(reps.slice(0, 3)));
    const ids = plain.blocks.map((block) => block.block_id ?? '');
    expect(ids.filter((id) => id.startsWith(DIGEST_BLOCKS.overduePrefix))).toEqual([]);
    expect(ids).not.toContain(DIGEST_BLOCKS.yourCommitments);
  });
});

describe("a manager's first digest", () => {
  const reps = [rep(0, sold), rep(1, { kind: 'no_answer' })];
  const first = buildDigestMessage({ ...digestOf(reps), introduction: { digestTime: '12:00' } });
  const usual = buildDigestMessage(digestOf(reps));

  it('opens with who the bot is, what the digest is, who reads the answers and how to move it', () => {
    expect(first.blocks.map((block) => block.block_id).slice(0, 4)).toEqual([
      DIGEST_BLOCKS.introduction,
      DIGEST_BLOCKS.introductionPrivacy,
      DIGEST_BLOCKS.header,
      DIGEST_BLOCKS.counts,
    ]);
    expect(texts(first.blocks).slice(0, 2)).toEqual([
      ":wave: I'm *Sales Coach*. Each workday at 12:00 your time I send you how your reps' check-ins " +
        'went: who sold, who tried, who is stuck and who has not answered.',
      "Each rep's answers are seen only by them, you and the bot's admins; their teammates see only the " +
        'weekly standings. Change the time with `/coach digest 16:00`.',
    ]);
    expect(first.text).toBe(`Hi, I'm Sales Coach. ${usual.text}`);
    expectWithinSlackLimits(first);
  });

  it('gives an example time other than the one the manager has', () => {
    const at16 = buildDigestMessage({ ...digestOf(reps), introduction: { digestTime: '16:00' } });
    expect(texts(at16.blocks)[0]).toContain('Each workday at 16:00 your time');
    expect(texts(at16.blocks)[1]).toContain('`/coach digest 12:00`');
  });

  it('is otherwise the usual digest, which has no introduction', () => {
    expect(first.blocks.slice(2)).toEqual(usual.blocks);
    expect(usual.text).toBe("Check-ins for Tue 10 Mar 2026: 1 sold · 0 tried · 0 didn't try · 1 no answer");
    expect(JSON.stringify(usual.blocks)).not.toContain('Sales Coach');
  });
});

describe('the footer of every digest', () => {
  const footer =
    "My *Home* tab shows today so far, any time · `/dealreview @rep` runs a rep's monthly deal review";
  const last = (message: Message) => message.blocks.at(-1);

  it('ends the main message, whether it holds everything, nobody or only the flags', () => {
    const flagged = (index: number) =>
      rep(index, { kind: 'no_answer' }, [{ kind: 'did_not_know', text: "didn't know what to do" }]);
    const cases = [
      buildDigestMessage(digestOf([rep(0, sold)])),
      buildDigestMessage(digestOf([])),
      buildDigestMessage(digestOf(Array.from({ length: 60 }, (_, index) => flagged(index)))),
    ];
    expect(cases[2]?.thread?.length).toBeGreaterThan(0);
    for (const message of cases) {
      expect(last(message)).toEqual({
        type: 'context',
        block_id: DIGEST_BLOCKS.footer,
        elements: [{ type: 'mrkdwn', text: footer }],
      });
      for (const part of message.thread ?? []) {
        expect(part.blocks.map((block) => block.block_id)).not.toContain(DIGEST_BLOCKS.footer);
      }
    }
  });

  it('counts, with the introduction, against the block budget: the rep lines go to the thread sooner', () => {
    for (let count = 30; count <= 40; count += 1) {
      const reps = Array.from({ length: count }, (_, index) => rep(index, { kind: 'no_answer' }));
      for (const introduction of [undefined, { digestTime: '12:00' }]) {
        const message = buildDigestMessage({ ...digestOf(reps), ...(introduction ? { introduction } : {}) });
        const all = [message, ...(message.thread ?? [])];
        for (const part of all) expectWithinSlackLimits(part);
        expect(all.flatMap(repSections)).toHaveLength(count);
        expect(last(message)?.block_id).toBe(DIGEST_BLOCKS.footer);
        // Header, counts, divider and footer, and the introduction's two blocks on the first.
        const fixed = introduction ? 6 : 4;
        expect(message.thread === undefined).toBe(count + fixed <= DIGEST_MAX_BLOCKS);
      }
    }
  });

  it('fits next to the introduction, the longest overdue list, three follow-ups and 400 flagged reps', () => {
    const reps = Array.from({ length: 400 }, (_, i) =>
      rep(i, { kind: 'no_answer' }, [
        { kind: 'did_not_try_streak', text: `didn't try ${'very '.repeat(110)}often` },
      ]),
    );
    const overdue = Array.from({ length: 14 }, (_, i) => ({
      name: `Rep ${i + 1}`,
      slackUserId: `U${String(i + 1).padStart(4, '0')}`,
      text: '&<'.repeat(150),
      dueOn: '2026-03-02',
      daysOverdue: 8,
    }));
    const message = buildDigestMessage({
      ...digestOf(reps),
      overdue,
      introduction: { digestTime: '12:00' },
      followUps: {
        today: '2026-03-10',
        askAgainOn: '2026-03-11',
        items: ['1', '2', '3'].map((commitmentId) => ({
          commitmentId,
          text: '&<'.repeat(150),
          dueOn: '2026-03-11',
          answer: null,
        })),
        more: 4,
      },
    });
    const all = [message, ...(message.thread ?? [])];
    for (const part of all) expectWithinSlackLimits(part);
    const ids = message.blocks.map((block) => block.block_id ?? '');
    expect(ids.slice(0, 2)).toEqual([DIGEST_BLOCKS.introduction, DIGEST_BLOCKS.introductionPrivacy]);
    expect(ids.slice(-2)).toEqual([DIGEST_BLOCKS.threadHint, DIGEST_BLOCKS.footer]);
    expect(ids.some((id) => id.startsWith(DIGEST_BLOCKS.flagsPrefix))).toBe(true);
    expect(all.flatMap(repSections)).toHaveLength(400);
  });
});

describe('the day so far on a manager’s Home', () => {
  const flag = (n: number) => [{ kind: 'did_not_know' as const, text: `didn't know what to do (${n})` }];

  it('shows the counts, the reps worth a conversation and how many commitments are overdue', () => {
    const reps = [rep(0, sold), rep(1, { kind: 'no_answer' }, flag(1)), rep(2, { kind: 'no_answer' })];
    const digest = {
      ...digestOf(reps),
      overdue: [
        { name: 'Rep 2', slackUserId: 'U0002', text: 'Send the quote', dueOn: '2026-03-02', daysOverdue: 8 },
      ],
    };
    const blocks = buildDigestHomeBlocks(digest);
    expect(blocks.map((block) => block.block_id)).toEqual([
      DIGEST_HOME_BLOCKS.header,
      DIGEST_HOME_BLOCKS.counts,
      `${DIGEST_HOME_BLOCKS.flagsPrefix}0`,
      DIGEST_HOME_BLOCKS.overdue,
    ]);
    const all = texts(blocks);
    expect(all[0]).toBe('Today so far · Tue 10 Mar 2026');
    expect(all[1]).toBe("1 sold · 0 tried · 0 didn't try · 2 no answer");
    expect(all[2]).toBe("*Worth a conversation today*\n• <@U0002> — didn't know what to do (1)");
    expect(all[3]).toBe(':warning: 1 overdue commitment among your reps: your digest lists them.');
  });

  it('names at most ten flagged reps and counts the rest, with nothing overdue to say', () => {
    const reps = Array.from({ length: 14 }, (_, index) => rep(index, { kind: 'no_answer' }, flag(index)));
    const blocks = buildDigestHomeBlocks(digestOf(reps));
    const flags = texts(blocks.filter((block) => block.block_id?.startsWith(DIGEST_HOME_BLOCKS.flagsPrefix)));
    expect(flags.join('\n').match(/^• /gm)).toHaveLength(10);
    expect(flags.join('\n')).toContain('…and 4 more in your digest');
    expect(blocks.map((block) => block.block_id)).not.toContain(DIGEST_HOME_BLOCKS.overdue);
  });
});
