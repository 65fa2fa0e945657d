import type { KnownBlock } from '@slack/types';
import type {
  DayStatus,
  Digest,
  DigestIntroduction,
  DigestRep,
  OverdueCommitment,
} from '../../domain/coaching/digest.js';
import { OBSTACLE_LABELS, SKILL_LABELS } from '../../domain/coaching/vocabulary.js';
import { formatDate } from './dates.js';
import { buildFollowUpBlocks } from './follow-ups.js';
import { formatMoney } from './money.js';
import { clipMrkdwn, escapeMrkdwn, oneLine } from './mrkdwn.js';
import { plural } from './plural.js';

export const DIGEST_BLOCKS = {
  introduction: 'digest_introduction',
  introductionPrivacy: 'digest_introduction_privacy',
  header: 'digest_header',
  counts: 'digest_counts',
  flagsHeading: 'digest_flags_heading',
  /** Followed by the section's index: flagged reps are packed several to a section. */
  flagsPrefix: 'digest_flags_',
  divider: 'digest_divider',
  /** Followed by the rep's position in the digest, so ids stay unique across the thread. */
  repPrefix: 'digest_rep_',
  threadHint: 'digest_thread_hint',
  part: 'digest_part',
  empty: 'digest_empty',
  /** Followed by the section's index. */
  overduePrefix: 'digest_overdue_',
  yourCommitments: 'digest_your_commitments',
  footer: 'digest_footer',
} as const;

/**
 * Below Slack's 50 so a message keeps room for what a later change adds, and because a 50-section
 * DM is a wall no manager reads in the morning.
 */
export const DIGEST_MAX_BLOCKS = 40;
const SECTION_MAX = 3000;
const FLAG_LINE_MAX = 600;
/** The longest overdue list in full; a manager with more has a bigger problem than a list shows. */
const OVERDUE_LINES_MAX = 10;

type SlackMessage = { text: string; blocks: KnownBlock[] };

/** A mention renders as the rep's current name and links to them; a malformed id falls back to the stored name. */
function who(rep: Pick<DigestRep, 'name' | 'slackUserId'>): string {
  return /^[UW][A-Z0-9]{2,}$/.test(rep.slackUserId) ? `<@${rep.slackUserId}>` : `*${oneLine(rep.name, 80)}*`;
}

function countsLine(counts: Digest['counts']): string {
  const parts = [
    `${counts.sold} sold`,
    `${counts.tried} tried`,
    `${counts.didNotTry} didn't try`,
    `${counts.noAnswer} no answer`,
  ];
  // Prompts still to come, out-of-office and holidays are routine; a zero here would only be noise.
  if (counts.notPromptedYet > 0) parts.push(`${counts.notPromptedYet} not prompted yet`);
  if (counts.notPrompted > 0) parts.push(`${counts.notPrompted} not prompted`);
  return parts.join(' · ');
}

function note(text: string | null, max: number): string {
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? '' : ` · ${oneLine(trimmed, max)}`;
}

function statusLine(today: DayStatus): string {
  switch (today.kind) {
    case 'sold':
      return (
        `:white_check_mark: sold ${oneLine(today.description, 400)}` +
        ` — ${escapeMrkdwn(formatMoney(today.amount, today.currency))} · ${oneLine(today.account, 200)}`
      );
    case 'tried':
      return `:muscle: tried${today.skill === null ? '' : ` — ${SKILL_LABELS[today.skill]}`}${note(today.note, 800)}`;
    case 'did_not_try':
      return `:construction: didn't try — ${OBSTACLE_LABELS[today.obstacle]}${note(today.note, 800)}`;
    case 'no_answer':
      return ':grey_question: no answer';
    case 'not_prompted_yet':
      return `:hourglass_flowing_sand: not prompted yet — prompt at ${today.promptTime} their time`;
    case 'not_prompted':
      return `:zzz: not prompted — ${oneLine(today.reason, 200)}`;
  }
}

/** One line per rep; the flag mark points back to "Worth a conversation today". */
export function repLine(rep: DigestRep): string {
  const flag = rep.flags.length > 0 ? ' :triangular_flag_on_post:' : '';
  return `${who(rep)}${flag}  ${statusLine(rep.today)}`;
}

function flagLine(rep: DigestRep): string {
  const reasons = rep.flags.map((flag) => flag.text.trim()).join('; ');
  return `• ${who(rep)} — ${clipMrkdwn(reasons, FLAG_LINE_MAX)}`;
}

/** Packs lines into as few sections as Slack's 3,000 characters allow, never splitting a line. */
function packLines(lines: string[], heading: string): string[] {
  if (lines.length === 0) return [];
  const sections: string[] = [];
  let current = heading;
  for (const line of lines) {
    const next = current === '' ? line : `${current}\n${line}`;
    if (next.length <= SECTION_MAX) {
      current = next;
    } else {
      sections.push(current);
      current = line;
    }
  }
  if (current !== '') sections.push(current);
  return sections;
}

function overdueLine(commitment: OverdueCommitment): string {
  return (
    `• ${who(commitment)} — ${oneLine(commitment.text, 300)}` +
    ` · due ${formatDate(commitment.dueOn)}` +
    ` · ${plural(commitment.daysOverdue, 'day')} overdue`
  );
}

/** The reps' overdue commitments, then what the manager agreed to do, with Done / Not yet. */
function commitmentBlocks(digest: Digest): KnownBlock[] {
  const lines = digest.overdue.slice(0, OVERDUE_LINES_MAX).map(overdueLine);
  const hidden = digest.overdue.length - lines.length;
  if (hidden > 0) lines.push(`…and ${hidden} more`);
  const blocks = packLines(lines, '*Overdue commitments*').map((text, index) =>
    section(`${DIGEST_BLOCKS.overduePrefix}${index}`, text),
  );
  const yours = buildFollowUpBlocks(digest.followUps);
  if (yours.length > 0) blocks.push(section(DIGEST_BLOCKS.yourCommitments, '*Your commitments*'), ...yours);
  return blocks;
}

function section(blockId: string, text: string): KnownBlock {
  return { type: 'section', block_id: blockId, text: { type: 'mrkdwn', text } };
}

function context(blockId: string, text: string): KnownBlock {
  return { type: 'context', block_id: blockId, elements: [{ type: 'mrkdwn', text }] };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

export const DIGEST_HOME_BLOCKS = {
  header: 'home_today_header',
  counts: 'home_today_counts',
  /** Followed by the section's index. */
  flagsPrefix: 'home_today_flags_',
  overdue: 'home_today_overdue',
} as const;

/** Flagged reps the Home lists by name; the digest DM has the rest, and the Home has no room. */
const HOME_FLAGGED_MAX = 10;

/**
 * A manager's Home, under "Today so far": the day's counts as the digest has them now, the reps worth
 * a conversation, and how many commitments are overdue. The per-rep lines stay in the DM.
 */
export function buildDigestHomeBlocks(digest: Digest): KnownBlock[] {
  const flagged = digest.reps.filter((rep) => rep.flags.length > 0);
  const lines = flagged.slice(0, HOME_FLAGGED_MAX).map(flagLine);
  if (flagged.length > lines.length) lines.push(`…and ${flagged.length - lines.length} more in your digest`);
  const overdue = digest.overdue.length;
  return [
    {
      type: 'header',
      block_id: DIGEST_HOME_BLOCKS.header,
      text: { type: 'plain_text', text: `Today so far · ${formatDate(digest.localDate)}` },
    },
    section(DIGEST_HOME_BLOCKS.counts, countsLine(digest.counts)),
    ...packLines(lines, '*Worth a conversation today*').map((text, index) =>
      section(`${DIGEST_HOME_BLOCKS.flagsPrefix}${index}`, text),
    ),
    ...(overdue > 0
      ? [
          context(
            DIGEST_HOME_BLOCKS.overdue,
            `:warning: ${plural(overdue, 'overdue commitment')} among your reps: your digest lists them.`,
          ),
        ]
      : []),
  ];
}

/**
 * Above a manager's first digest: what the message is, who else reads their reps' answers, and how
 * to move it, so the first DM from a bot nobody announced is not a bare table about their team. The
 * Home tab and /dealreview are left to the footer, which every digest carries.
 */
function introduction(intro: DigestIntroduction | undefined): KnownBlock[] {
  if (intro === undefined) return [];
  // An example other than the time they have, so it reads as how to move it.
  const example = intro.digestTime === '16:00' ? '12:00' : '16:00';
  return [
    section(
      DIGEST_BLOCKS.introduction,
      `:wave: I'm *Sales Coach*. Each workday at ${intro.digestTime} your time I send you how your ` +
        "reps' check-ins went: who sold, who tried, who is stuck and who has not answered.",
    ),
    context(
      DIGEST_BLOCKS.introductionPrivacy,
      "Each rep's answers are seen only by them, you and the bot's admins; their teammates see only " +
        `the weekly standings. Change the time with \`/coach digest ${example}\`.`,
    ),
  ];
}

/** Under every digest: where the rest of a manager's coaching is, for one who only reads the DM. */
const FOOTER =
  "My *Home* tab shows today so far, any time · `/dealreview @rep` runs a rep's monthly deal review";

/**
 * The manager's morning DM. Everything in one message when it fits; otherwise the message keeps
 * the counts and the flagged reps, and the per-rep lines go to `thread` replies, in order. The
 * introduction and the footer count against DIGEST_MAX_BLOCKS like the rest: when they do not fit,
 * the rep lines move to the thread sooner, and the main message keeps fewer flag sections.
 */
export function buildDigestMessage(digest: Digest): SlackMessage & { thread?: SlackMessage[] } {
  const day = formatDate(digest.localDate);
  const counts = countsLine(digest.counts);
  const flaggedReps = digest.reps.filter((rep) => rep.flags.length > 0);
  const summary =
    `Check-ins for ${day}: ${counts}` +
    (flaggedReps.length > 0 ? ` · ${flaggedReps.length} worth a conversation` : '');
  // The notification is all a manager sees of the first message before opening it.
  const text = digest.introduction === undefined ? summary : `Hi, I'm Sales Coach. ${summary}`;
  const footer = context(DIGEST_BLOCKS.footer, FOOTER);

  const top: KnownBlock[] = [
    ...introduction(digest.introduction),
    {
      type: 'header',
      block_id: DIGEST_BLOCKS.header,
      text: { type: 'plain_text', text: `Check-ins · ${day}` },
    },
    context(DIGEST_BLOCKS.counts, counts),
    ...commitmentBlocks(digest),
  ];
  const flagBlocks = packLines(flaggedReps.map(flagLine), '*Worth a conversation today*').map((text, index) =>
    section(`${DIGEST_BLOCKS.flagsPrefix}${index}`, text),
  );
  const repBlocks = digest.reps.map((rep, index) =>
    section(`${DIGEST_BLOCKS.repPrefix}${index}`, repLine(rep)),
  );

  if (digest.reps.length === 0) {
    return { text, blocks: [...top, context(DIGEST_BLOCKS.empty, 'No reps report to you yet.'), footer] };
  }

  const single = [
    ...top,
    ...flagBlocks,
    { type: 'divider', block_id: DIGEST_BLOCKS.divider } as KnownBlock,
    ...repBlocks,
    footer,
  ];
  if (single.length <= DIGEST_MAX_BLOCKS) return { text, blocks: single };

  // The main message keeps as many flag sections as fit next to the hint and the footer; any others
  // lead the thread.
  const room = DIGEST_MAX_BLOCKS - top.length - 2;
  const mainFlags = flagBlocks.slice(0, room);
  const overflow = flagBlocks.slice(room);
  const hint = context(DIGEST_BLOCKS.threadHint, `One line per rep (${digest.reps.length}) in the thread.`);

  // One block per part goes to the "part n of m" line.
  const parts = chunk([...overflow, ...repBlocks], DIGEST_MAX_BLOCKS - 1);
  const thread = parts.map((blocks, index): SlackMessage => {
    const label = `Check-ins for ${day}, part ${index + 1} of ${parts.length}`;
    return { text: label, blocks: [context(DIGEST_BLOCKS.part, label), ...blocks] };
  });
  return { text, blocks: [...top, ...mainFlags, hint, footer], thread };
}
