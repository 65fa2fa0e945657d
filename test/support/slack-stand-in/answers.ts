// What a recorded call is, and how a Slack answer, an injected failure or a crash becomes the HTTP answer.
import { failure, requiredArguments, type SlackAnswer } from './arguments.js';

export interface RecordedCall {
  /** Web API method name, or 'upload' (bytes sent to an upload URL) or 'response_url' (POST to a response_url). */
  method: string;
  args: Record<string, unknown>;
  token: string | undefined;
  receivedAt: number;
  /** HTTP status of the answer; 0 while the call is still being answered. */
  status: number;
  /** When the answer was written (Date.now()); undefined while the call is still being answered. */
  answeredAt?: number;
  ok: boolean;
  error?: string;
  retryAfterSeconds?: number;
}

export type InjectedFailure =
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  /**
   * An HTTP 5xx. With `afterHandling` the method runs first (a message is stored) and only the answer
   * is lost, as when Slack posts and then fails: the case a sender must not repeat blindly.
   */
  | { kind: 'server_error'; status?: number; afterHandling?: boolean }
  | { kind: 'error'; error: string };

export interface HttpAnswer {
  status: number;
  body: string;
  contentType: string;
  headers?: Record<string, string>;
}

export function unknownMethod(method: string): SlackAnswer {
  const answer = { ...failure('unknown_method'), req_method: method };
  if (requiredArguments(method) === undefined) return answer;
  // A real method this stand-in does not model: say so, so the test author knows to use respond().
  return {
    ...answer,
    response_metadata: { messages: [`[ERROR] not modelled by the Slack stand-in: ${method}`] },
  };
}

export function settle(call: RecordedCall, answer: SlackAnswer): HttpAnswer {
  call.ok = answer.ok === true;
  if (!call.ok) call.error = typeof answer.error === 'string' ? answer.error : 'unknown_error';
  return { status: 200, body: JSON.stringify(answer), contentType: 'application/json; charset=utf-8' };
}

export function failureAnswer(injected: InjectedFailure, call: RecordedCall): HttpAnswer {
  call.ok = false;
  switch (injected.kind) {
    case 'rate_limited':
      call.error = 'ratelimited';
      call.retryAfterSeconds = injected.retryAfterSeconds;
      return {
        status: 429,
        body: JSON.stringify(failure('ratelimited')),
        contentType: 'application/json; charset=utf-8',
        headers: { 'retry-after': String(injected.retryAfterSeconds) },
      };
    case 'server_error': {
      const status = injected.status ?? 500;
      call.error = `http_${status}`;
      return { status, body: '<html><body><h1>Server Error</h1></body></html>', contentType: 'text/html' };
    }
    case 'error':
      return settle(call, failure(injected.error));
  }
}

export function handlerCrash(call: RecordedCall): (error: unknown) => HttpAnswer {
  return (error) => {
    call.ok = false;
    call.error = `stand_in_handler_threw: ${error instanceof Error ? error.message : String(error)}`;
    return { status: 500, body: call.error, contentType: 'text/plain' };
  };
}
