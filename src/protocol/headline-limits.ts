/**
 * What one headline may hold, whatever a feed or publisher sent: each text field is plain text
 * capped in characters (categories: MAX_CATEGORIES and CATEGORY_MAX_CHARS in headline.ts), `lang`
 * is a BCP 47 tag or absent, and the stored JSON has a hard byte cap.
 * Browser-safe constants; the normaliser enforces them and the README's "Guarantees" lists them.
 */
export const HEADLINE_LIMITS = {
  titleChars: 300,
  summaryChars: 1000,
  sourceNameChars: 120,
  /** RFC 5646 recommends supporting tags of at least 35 characters; longer ones are dropped. */
  langChars: 35,
  /** A stored headline's JSON, in UTF-8 bytes (fields are cut in a fixed order to fit). */
  storedJsonBytes: 4096,
} as const;
