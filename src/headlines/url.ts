/** Headline links: absolute http(s) only, tracking parameters removed. */

const TRACKING_PARAM = /^(utm_[a-z_]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|igshid)$/i;

/** Absolute http(s) URL with tracking parameters removed, or undefined. */
export function normaliseUrl(raw: string | null | undefined, base?: string): string | undefined {
  if (raw === null || raw === undefined) return undefined;
  const trimmed = raw.trim();
  if (trimmed.length === 0 || trimmed.length > 2048) return undefined;
  let url: URL;
  try {
    url = base === undefined ? new URL(trimmed) : new URL(trimmed, base);
  } catch {
    return undefined; // not a URL: the contract says the field is then absent
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username !== '' || url.password !== '') return undefined;
  for (const name of [...url.searchParams.keys()]) {
    if (TRACKING_PARAM.test(name)) url.searchParams.delete(name);
  }
  if (url.search === '?') url.search = '';
  return url.toString();
}

/** The form used for de-duplication: no fragment, no trailing slash, lower-case host. */
export function canonicalUrlKey(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  parsed.searchParams.sort();
  const text = parsed.toString();
  return text.endsWith('/') ? text.slice(0, -1) : text;
}
