/**
 * A source URL as the public may see it (GET /api/sources): where it points, without what
 * grants access. User and password, every query value (tokens hide under any name: `key`,
 * `sig`, `apikey`...) and the fragment are replaced by `redacted`; a `file:` path says only
 * that it is a local file. The query's names stay, so an operator can still tell URLs apart.
 */
export const REDACTED = 'redacted';

export function publicUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return REDACTED;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${url.protocol}(${REDACTED})`;
  if (url.username !== '') url.username = REDACTED;
  if (url.password !== '') url.password = REDACTED;
  if (url.search !== '') {
    const names = [...new Set(url.searchParams.keys())];
    url.search = names.map((name) => `${encodeURIComponent(name)}=${REDACTED}`).join('&');
  }
  if (url.hash !== '') url.hash = REDACTED;
  return url.toString();
}

const URL_IN_TEXT = /\b(?:https?|file):\/\/[^\s"'<>]+/gi;

/** An error message about `sourceUrl` as the public may see it: every URL in it redacted, and the source's file path. */
export function publicMessage(message: string, sourceUrl: string): string {
  let text = message.replace(URL_IN_TEXT, (found) => publicUrl(found));
  const path = filePathOf(sourceUrl);
  if (path !== undefined && path.length > 1) text = text.split(path).join(`(${REDACTED})`);
  return text;
}

function filePathOf(raw: string): string | undefined {
  try {
    const url = new URL(raw);
    return url.protocol === 'file:' ? decodeURIComponent(url.pathname) : undefined;
  } catch {
    return undefined;
  }
}
