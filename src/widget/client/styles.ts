/**
 * The widget's stylesheet, adopted into its shadow root as a constructed stylesheet: CSP's
 * `style-src` does not govern those, so strict host pages need no 'unsafe-inline'. Every
 * inherited property is set on the root so host CSS that reaches the host element (for
 * example `* { font-size: 40px !important }`) does not leak in; `:host` declarations marked
 * !important win over the page's own !important ones.
 *
 * Theming: --nt-bg, --nt-fg, --nt-muted, --nt-accent, --nt-badge-fg, --nt-border, --nt-focus,
 * --nt-font, --nt-font-size, --nt-height, --nt-radius, --nt-gap, --nt-list-height, --nt-breaking.
 */
const DARK = `--_bg: var(--nt-bg, #15171c); --_fg: var(--nt-fg, #f2f3f5); --_muted: var(--nt-muted, #a7abb4);
  --_accent: var(--nt-accent, #d62d42); --_border: var(--nt-border, #2e323a); --_focus: var(--nt-focus, #8ab4f8);`;

const WIDGET_CSS = `
:host { all: initial !important; display: block !important; contain: content !important; container-type: inline-size !important; }
:host([hidden]) { display: none !important; }
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
.nt {
  --_bg: var(--nt-bg, #ffffff); --_fg: var(--nt-fg, #17181c); --_muted: var(--nt-muted, #5d606a);
  --_accent: var(--nt-accent, #c8102e); --_border: var(--nt-border, #d8dae0); --_focus: var(--nt-focus, #1a5fd0);
  position: relative; display: flex; align-items: stretch; height: var(--nt-height, 2.75em); overflow: hidden;
  font-family: var(--nt-font, system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", "DejaVu Sans", sans-serif);
  font-size: var(--nt-font-size, 16px); font-weight: 400; font-style: normal; line-height: 1.3;
  letter-spacing: normal; word-spacing: normal; text-transform: none; text-align: start; text-indent: 0;
  text-shadow: none; white-space: nowrap; visibility: visible; cursor: auto;
  color: var(--_fg); background: var(--_bg); border: 1px solid var(--_border); border-radius: var(--nt-radius, 6px);
}
.nt.dark { ${DARK} }
@media (prefers-color-scheme: dark) { .nt.auto { ${DARK} } }
.badge {
  flex: none; display: flex; align-items: center; gap: .45em; padding: 0 .8em; margin: 0;
  background: var(--_accent); color: var(--nt-badge-fg, #ffffff); font-weight: 700; font-size: .78em;
  text-transform: uppercase; letter-spacing: .06em;
}
.viewport { position: relative; flex: 1 1 auto; min-width: 0; overflow: hidden; overflow: clip; }
.track {
  position: absolute; top: 0; bottom: 0; inset-inline-start: 0; width: max-content; display: flex; align-items: center;
  margin: 0; padding: 0; list-style: none; will-change: transform;
}
.item { flex: none; display: flex; align-items: baseline; gap: .55em; padding: 0; padding-inline-end: var(--nt-gap, 1.4em); margin: 0; }
.item::before {
  content: ""; flex: none; align-self: center; width: .42em; height: .42em; margin-inline-start: .2em;
  border-radius: 50%; background: var(--_accent);
}
.spacer { flex: none; height: 1px; margin: 0; padding: 0; }
.title { color: inherit; font-weight: 600; text-decoration: none; unicode-bidi: isolate; }
a.title { cursor: pointer; }
a.title:hover { text-decoration: underline; text-underline-offset: .15em; }
a:focus-visible, button:focus-visible { outline: 2px solid var(--_focus); outline-offset: 2px; border-radius: 3px; }
.meta { color: var(--_muted); font-size: .82em; unicode-bidi: isolate; }
.empty { position: absolute; inset: 0; display: flex; align-items: center; padding: 0 1em; color: var(--_muted); overflow: hidden; }
.empty.refused { color: var(--_fg); font-weight: 600; }
.item.breaking .title { color: var(--nt-breaking, var(--_accent)); }
.item.breaking::before { width: .6em; height: .6em; box-shadow: 0 0 0 .2em color-mix(in srgb, var(--_accent) 30%, transparent); }
.updated { font-style: italic; }
time.old { font-weight: 600; }
.controls { flex: none; display: flex; align-items: center; gap: 2px; padding: 0 .3em; border-inline-start: 1px solid var(--_border); }
.status { align-self: center; padding: 0 .5em; color: var(--_muted); font-size: .78em; }
button {
  all: unset; box-sizing: border-box; display: inline-flex; align-items: center; justify-content: center;
  width: 2em; height: 2em; border-radius: 4px; color: var(--_fg); cursor: pointer;
}
button:hover { background: color-mix(in srgb, var(--_fg) 12%, transparent); }
button svg { width: 1em; height: 1em; fill: currentColor; pointer-events: none; }
.step { display: none; }
.still .step { display: inline-flex; }
.still .track { inset-inline-end: 0; width: auto; transform: none; }
.still .item { display: none; }
.still .item.current { display: flex; max-width: 100%; min-width: 0; padding-inline-start: .6em; }
.still .title { overflow: hidden; text-overflow: ellipsis; min-width: 0; }
.still .meta { flex: none; }
.still .spacer { display: none; }
.offline .badge { background: var(--_muted); }
@container (max-width: 480px) {
  .badge { max-width: 26%; padding: 0 .5em; font-size: .68em; letter-spacing: .02em; }
  .badge, .status { overflow: hidden; text-overflow: ellipsis; }
  .controls { padding: 0; }
  .status { max-width: 5em; padding: 0 .2em; }
  button { width: 1.7em; }
}
.nt.list { display: flex; flex-direction: column; height: auto; max-height: var(--nt-list-height, 32em); white-space: normal; }
.list .head { flex: none; display: flex; align-items: center; justify-content: space-between; min-height: 2.4em; background: var(--_accent); }
.list .badge { align-self: stretch; max-width: none; }
.list .status { color: var(--nt-badge-fg, #ffffff); }
.list .items { position: relative; flex: 1 1 auto; min-height: 0; margin: 0; padding: 0; list-style: none; overflow-y: auto; overflow-anchor: none; }
.list .item { display: flex; flex-direction: column; gap: .15em; padding: .55em .8em; border-bottom: 1px solid var(--_border); }
.list .item::before { display: none; }
.list .item.pinned { background: color-mix(in srgb, var(--_accent) 10%, var(--_bg)); border-inline-start: .25em solid var(--_accent); }
.list .title { font-weight: 600; overflow-wrap: anywhere; }
.list .day { position: sticky; top: 0; z-index: 1; padding: .35em .8em; background: var(--_bg); color: var(--_muted); font-size: .78em; font-weight: 700; border-bottom: 1px solid var(--_border); }
.list .empty { position: static; min-height: 6em; justify-content: center; text-align: center; }
.list .more { flex: none; display: block; padding: .6em .8em; color: var(--_accent); font-weight: 600; text-decoration: none; border-top: 1px solid var(--_border); }
.list .more:hover { text-decoration: underline; }
.enter { animation: nt-in .35s ease-out; }
@keyframes nt-in { from { opacity: 0; transform: translateY(-.8em); } }
@media (prefers-reduced-motion: reduce) { .enter { animation: none; } }
.sr-only {
  position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
`;

let shared: CSSStyleSheet | undefined;

/** Adopts the one shared sheet; falls back to a <style> element where constructed sheets are missing. */
export function applyStyles(root: ShadowRoot): void {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    if (shared === undefined) {
      shared = new CSSStyleSheet();
      shared.replaceSync(WIDGET_CSS);
    }
    root.adoptedStyleSheets = [shared];
    return;
  }
  const style = document.createElement('style');
  style.textContent = WIDGET_CSS;
  root.appendChild(style);
}
