import { ApiError } from './http.js';
import type { Project } from './project.js';

/**
 * Counts one user API request against its user's budget (`rateLimit`): a sliding window per
 * user, what a loop in a client runs into on the real service. Over it, 429 `rate_limited`
 * with `details.retry_after`.
 */
export function spendBudget(project: Project, userId: string): void {
  if (!project.fake.rateLimit) return;
  const { requests, seconds } = project.fake.rateLimit;
  const t = project.clock();
  const recent = (project.recent.get(userId) ?? []).filter((at) => at > t - seconds * 1000);
  project.recent.set(userId, recent);
  if (recent.length >= requests) {
    const retryAfter = Math.max(1, Math.ceil((recent[0] + seconds * 1000 - t) / 1000));
    throw new ApiError(429, 'rate_limited', 'Too many requests', {
      retry_after: retryAfter,
      limit: requests,
      window: seconds,
    });
  }
  recent.push(t);
}
