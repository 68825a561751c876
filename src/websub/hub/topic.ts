/**
 * A hub topic is one of our feed URLs. Its path names the channel and format; its origin is
 * whatever `PUBLIC_URL` was when the subscriber learnt it, so only the path is read here and
 * the origin is checked where a subscription is taken.
 */
import { parseFeedRequest, type FeedRequest } from '../../feeds/out/feed-request.ts';

const FEED_PATH = /^\/feeds\/([^/]+)\/([^/]+)$/;

export function topicRequest(topic: string): FeedRequest | undefined {
  let url: URL;
  try {
    url = new URL(topic);
  } catch {
    return undefined; // not a URL: not a topic of ours
  }
  const match = FEED_PATH.exec(url.pathname);
  if (match === null || url.search !== '') return undefined;
  try {
    return parseFeedRequest(match[1] ?? '', match[2] ?? '');
  } catch {
    return undefined; // an unknown channel or format: not a topic of ours
  }
}
