/**
 * How the Web API client behaves under trouble: a request timeout, few and short retries on 5xx and network errors
 * (the SDK's default keeps retrying for about 30 minutes), and rate limits handled per request. The SDK pauses its
 * whole request queue on a 429, so one rate-limited method would stall every user's replies; here the 429 is
 * retried inside that request's own fetch (bounded), and a limit that outlasts the bound fails only that call.
 */
import type { FetchFunction, WebClientOptions } from '@slack/web-api';

interface WebPolicy {
  /** Milliseconds before a Web API request is abandoned. */
  timeoutMs: number;
  /** Retries of one request on 5xx or network errors. */
  retries: number;
  /** Longest Retry-After (seconds) waited inside a request before its 429 is returned to the caller. */
  maxRetryAfterS: number;
  /** Times a 429 is retried inside one request. */
  rateLimitRetries: number;
}

const DEFAULT_WEB_POLICY: WebPolicy = {
  timeoutMs: 10_000,
  retries: 2,
  maxRetryAfterS: 5,
  rateLimitRetries: 2,
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A fetch that retries a 429 for this request only, honouring Retry-After up to the policy's bound. */
function perRequestRateLimitFetch(policy: WebPolicy, base: FetchFunction = fetch): FetchFunction {
  return async (input, init) => {
    let attempt = 0;
    for (;;) {
      const res = await base(input, init);
      if (res.status !== 429 || attempt >= policy.rateLimitRetries) return res;
      const after = Number.parseInt(res.headers.get('retry-after') ?? '1', 10);
      const wait = Number.isNaN(after) ? 1 : after;
      if (wait > policy.maxRetryAfterS) return res;
      attempt++;
      await sleep(wait * 1000);
    }
  };
}

export function webClientOptions(apiUrl: string | undefined, policy = DEFAULT_WEB_POLICY): WebClientOptions {
  return {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    timeout: policy.timeoutMs,
    retryConfig: { retries: policy.retries, factor: 2, minTimeout: 200, maxTimeout: 2_000, randomize: true },
    rejectRateLimitedCalls: true,
    fetch: perRequestRateLimitFetch(policy),
  };
}

/** Slack's error code of a failed Web API call (`not_in_channel`, `ratelimited`…), or undefined. */
export function slackErrorCode(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const data = (e as { data?: { error?: unknown } }).data;
  if (data && typeof data.error === 'string') return data.error;
  const code = (e as { code?: unknown }).code;
  return code === 'slack_webapi_rate_limited_error' ? 'ratelimited' : undefined;
}
