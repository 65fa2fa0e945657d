/**
 * Where an app's CPU time per request goes, from a V8 CPU profile written with BENCH_CPU_PROF_DIR:
 *
 *   node --import tsx bench/cpu-profile-breakdown.ts <file.cpuprofile> [CPU µs per request]
 *
 * Each sample is given to the first stage its call stack belongs to (the order below matters: an ack
 * written from inside our listener is Bolt's ack, not our code). Start-up (module loading) is left out;
 * the shares are of the remaining busy time. With the CPU µs/request the bench printed for that app,
 * each share is also shown in µs per request. The profile spans warm-ups and both measurements, so
 * these are estimates, as is the profiler's own overhead (about a third more CPU per request).
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const STARTUP = 'start-up (module loading)';
const OURS = 'our code (listeners, Block Kit, middleware, logger)';
const OTHER = 'other (timers, sockets, promise jobs)';
const OUR_FILES = /\/src\/(slack|logger|main|config)/;

const STAGES: Array<[stage: string, frame: RegExp]> = [
  [STARTUP, /tsx\/dist|modules\/esm|modules\/cjs|cjs-module-lexer|bootstrap\/realm|^wasm:/],
  [
    'Web API call (WebClient, p-queue/p-retry, fetch or our HTTP client)',
    /http-fetch|@slack\/web-api|p-queue|p-retry|\/retry\/|node:_http_client|node:_http_agent|undici/,
  ],
  ['ack: Bolt serializes and writes the answer', /buildContentResponse|HTTPResponseAck/],
  [OURS, OUR_FILES],
  [
    'Bolt dispatch (processEvent, middleware and listener chains)',
    /processEvent|middleware\/process\.js|middleware\/builtin\.js|conversation-store|@slack\/bolt\/dist\/App\.js/,
  ],
  [
    'Bolt receiver: read body, verify signature, parse',
    /parseAndVerifyHTTPRequest|parseHTTPRequestBody|verifySlackRequest|raw-body|tsscmp|HTTPModuleFunctions|HTTPReceiver/,
  ],
  ['inbound HTTP server (node:http parsing)', /node:_http_server|node:_http_incoming|node:_http_common/],
];

function frameText(node: ProfileNode): string {
  return `${node.callFrame.functionName} ${node.callFrame.url}`;
}

function stageOf(stack: ProfileNode[]): string {
  for (const [index, [stage, frame]] of STAGES.entries()) {
    if (!stack.some((node) => frame.test(frameText(node)))) continue;
    if (stage !== OURS) return stage;
    // Bolt's chain runs inside our middleware's next(): only time under our own frame (nearer the leaf
    // than any Bolt or node:http frame) is ours.
    const owner = stack.find(
      (node) => OUR_FILES.test(node.callFrame.url) || /@slack\/bolt|node:_http/.test(node.callFrame.url),
    );
    if (owner !== undefined && OUR_FILES.test(owner.callFrame.url)) return OURS;
    const later = STAGES.slice(index + 1).find(([, laterFrame]) =>
      stack.some((node) => laterFrame.test(frameText(node))),
    );
    return later?.[0] ?? OTHER;
  }
  return OTHER;
}

function breakdown(profile: Profile): { busyUs: number; startupUs: number; stages: Map<string, number> } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, index) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  const stages = new Map<string, number>();
  let busyUs = 0;
  for (const [id, us] of selfUs) {
    const leaf = byId.get(id);
    if (leaf === undefined || ['(idle)', '(program)'].includes(leaf.callFrame.functionName)) continue;
    busyUs += us;
    let stage = 'garbage collection';
    if (leaf.callFrame.functionName !== '(garbage collector)') {
      const stack: ProfileNode[] = [];
      for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
        const node = byId.get(at);
        if (node) stack.push(node);
      }
      stage = stageOf(stack);
    }
    stages.set(stage, (stages.get(stage) ?? 0) + us);
  }
  const startupUs = stages.get(STARTUP) ?? 0;
  stages.delete(STARTUP);
  return { busyUs, startupUs, stages };
}

const [file, perRequestArg] = process.argv.slice(2);
if (!file) throw new Error('usage: cpu-profile-breakdown.ts <file.cpuprofile> [CPU µs per request]');
const perRequestUs = perRequestArg === undefined ? undefined : Number(perRequestArg);
const { busyUs, startupUs, stages } = breakdown(JSON.parse(readFileSync(file, 'utf8')) as Profile);
const workUs = busyUs - startupUs;
console.log(
  `${file}: busy ${(busyUs / 1e6).toFixed(2)} s, start-up ${(startupUs / 1e6).toFixed(2)} s left out`,
);
for (const [stage, us] of [...stages].sort((a, b) => b[1] - a[1])) {
  const share = us / workUs;
  const perRequest =
    perRequestUs === undefined ? '' : `${(share * perRequestUs).toFixed(0).padStart(5)} µs/req`;
  console.log(`${(100 * share).toFixed(1).padStart(5)} % ${perRequest}  ${stage}`);
}
