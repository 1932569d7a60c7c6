// Builds the part of the Gov Design System the public site uses into portal/static/portal/gov/:
// gov.css (Roboto 400/700 faces, the design tokens, base styles, layout and the component
// rules whose classes our templates use), the woff2 files and a few icons.
// Run by `make assets` after `npm ci`; no dependencies beyond Node itself.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const GOV = join(ROOT, "node_modules", "@gov-design-system-ce");
const STYLES = join(GOV, "styles", "lib");
const OUT = join(ROOT, "portal", "static", "portal", "gov");
const TEMPLATE_DIRS = ["templates", "home", "news", "methodology", "portal"];
const OWN_CSS = join(ROOT, "portal", "static", "portal", "css", "portal.css");

// Each component with the sizes (data-size) the templates use.
const COMPONENTS = {
  "gov-button": ["m"],
  "gov-form-control": ["m"],
  "gov-form-label": ["m"],
  "gov-form-input": ["m"],
  "gov-form-checkbox": ["s"],
  "gov-tag": ["xs"],
};
const FONTS = ["regular", "bold"];
const FONT_WEIGHTS = { regular: 400, bold: 700 };
const ICONS = {
  "complex/city-office.svg": "city-office.svg",
  "complex/family.svg": "family.svg",
  "complex/info-list.svg": "info-list.svg",
};
// Attribute values of the component variants we use; other variants are left out.
const VARIANTS = {
  "data-color": new Set(["primary"]),
  "data-type": new Set(["solid", "outlined", "base", "subtle"]),
  "data-theme": new Set(["light"]),
};
const UNUSED_ATTRIBUTES = new Set([
  "loading",
  "expanded",
  "expanded-mobile",
  "data-expanded",
  "data-expanded-mobile",
  "icon-start",
  "icon-end",
  "data-disabled",
]);

const LIST_ELEMENT = /(^|[\s>+~,])(ul|ol|li)([\s>+~:.[]|$)|--plain/;

function walk(dir, found = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === "node_modules" || name === "static") continue;
    if (statSync(path).isDirectory()) walk(path, found);
    else if (name.endsWith(".html")) found.push(path);
  }
  return found;
}

function usedClasses() {
  const classes = new Set();
  for (const dir of TEMPLATE_DIRS) {
    for (const file of walk(join(ROOT, dir))) {
      for (const match of readFileSync(file, "utf8").matchAll(/gov-[a-z0-9_-]+/g)) {
        classes.add(match[0]);
      }
    }
  }
  return classes;
}

// A minified stylesheet as a tree: {selector, body} rules and {prelude, children} at-rules.
function parse(css) {
  css = css.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\uFEFF/, "");
  let pos = 0;
  function block() {
    const nodes = [];
    while (pos < css.length) {
      const start = pos;
      while (pos < css.length && css[pos] !== "{" && css[pos] !== "}" && css[pos] !== ";") pos++;
      const head = css.slice(start, pos).trim();
      if (css[pos] === "}") {
        pos++;
        return nodes;
      }
      if (css[pos] === ";") {
        pos++;
        if (head) nodes.push({ statement: head });
        continue;
      }
      if (pos >= css.length) break;
      pos++;
      if (head.startsWith("@") && !head.startsWith("@font-face")) {
        nodes.push({ prelude: head, children: block() });
      } else {
        let depth = 1;
        const bodyStart = pos;
        let quote = null;
        while (pos < css.length && depth > 0) {
          const ch = css[pos];
          if (quote) {
            if (ch === quote) quote = null;
          } else if (ch === '"' || ch === "'") quote = ch;
          else if (ch === "{") depth++;
          else if (ch === "}") depth--;
          pos++;
        }
        nodes.push({ selector: head, body: css.slice(bodyStart, pos - 1) });
      }
    }
    return nodes;
  }
  return block();
}

function splitTopLevel(text, separator) {
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "(" || ch === "[") depth++;
    else if (ch === ")" || ch === "]") depth--;
    else if (ch === separator && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function keepSelector(selector, classes, sizes) {
  if (/(^|[\s>+~(])gov-[a-z]/.test(selector)) return false; // a web component's tag
  if (selector.includes(":not([data-theme])")) return false; // the page names its theme
  for (const match of selector.matchAll(/\.(gov-[\w-]+)/g)) {
    if (!classes.has(match[1])) return false;
  }
  for (const match of selector.matchAll(/\[([\w-]+)(?:[~|^$*]?=("?)([^\]"]*)\2)?(?: i)?\]/g)) {
    const [, name, , value] = match;
    if (UNUSED_ATTRIBUTES.has(name)) return false;
    if (name === "data-size" && value !== undefined && !sizes.has(value)) return false;
    if (VARIANTS[name] && value !== undefined && !VARIANTS[name].has(value)) return false;
  }
  return true;
}

function prune(nodes, classes, sizes = new Set()) {
  const kept = [];
  for (const node of nodes) {
    if (node.children) {
      if (node.prelude.startsWith("@keyframes")) {
        kept.push(node);
        continue;
      }
      const children = prune(node.children, classes, sizes);
      if (children.length) kept.push({ ...node, children });
    } else if (node.selector !== undefined) {
      const selectors = splitTopLevel(node.selector, ",").filter((s) => keepSelector(s, classes, sizes));
      if (selectors.length) kept.push({ selector: selectors.join(","), body: node.body });
    }
  }
  return kept;
}

function serialize(nodes) {
  return nodes
    .map((node) => {
      if (node.statement) return `${node.statement};`;
      if (node.children) return `${node.prelude}{${serialize(node.children)}}`;
      return `${node.selector}{${node.body}}`;
    })
    .join("");
}

const isTokenRule = (node) => node.selector !== undefined && /^(:root|html)/.test(node.selector);

// Custom properties of the token rules that the rest of the CSS reaches, directly or through
// another token; the other declarations (hundreds of them) are dropped.
function pruneTokens(tokens, otherCss) {
  const declarations = new Map();
  const visit = (nodes) => {
    for (const node of nodes) {
      if (node.children) visit(node.children);
      else if (isTokenRule(node)) {
        for (const declaration of splitTopLevel(node.body, ";")) {
          const colon = declaration.indexOf(":");
          if (colon < 0) continue;
          const name = declaration.slice(0, colon).trim();
          const values = declarations.get(name) || [];
          values.push(declaration.slice(colon + 1));
          declarations.set(name, values);
        }
      }
    }
  };
  visit(tokens);
  const used = new Set();
  const pending = [...otherCss.matchAll(/var\(\s*(--[\w-]+)/g)].map((m) => m[1]);
  while (pending.length) {
    const name = pending.pop();
    if (used.has(name)) continue;
    used.add(name);
    for (const value of declarations.get(name) || []) {
      for (const match of value.matchAll(/var\(\s*(--[\w-]+)/g)) pending.push(match[1]);
    }
  }
  const filter = (nodes) =>
    nodes
      .map((node) => {
        if (node.children) {
          const children = filter(node.children);
          return children.length ? { ...node, children } : null;
        }
        if (!isTokenRule(node)) return node;
        const body = splitTopLevel(node.body, ";")
          .filter((d) => used.has(d.slice(0, d.indexOf(":")).trim()))
          .join(";");
        return body ? { ...node, body } : null;
      })
      .filter(Boolean);
  return filter(tokens);
}

function fontFaces() {
  const latinExt =
    "U+0100-024F,U+0259,U+1E00-1EFF,U+2020,U+20A0-20AB,U+20AD-20CF,U+2113,U+2C60-2C7F,U+A720-A7FF";
  const latin =
    "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+2000-206F,U+2074,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD";
  return FONTS.flatMap((style) =>
    [
      [`roboto-${style}-ext.woff2`, latinExt],
      [`roboto-${style}.woff2`, latin],
    ].map(
      ([file, range]) =>
        `@font-face{font-family:Roboto;font-weight:${FONT_WEIGHTS[style]};font-style:normal;` +
        `font-display:swap;src:url(fonts/${file}) format("woff2");unicode-range:${range}}`,
    ),
  ).join("");
}

function build() {
  const classes = usedClasses();
  const read = (path) => parse(readFileSync(join(STYLES, path), "utf8"));
  // Lists keep the portal's own styles: the base sheet's bullets (a "●" in ::before on
  // every ul > li) would sit on each navigation, card and document list.
  const base = prune(read("styles.css"), classes).flatMap((node) => {
    if (node.selector === undefined) return [node];
    const selectors = splitTopLevel(node.selector, ",").filter((s) => !LIST_ELEMENT.test(s));
    return selectors.length ? [{ selector: selectors.join(","), body: node.body }] : [];
  });
  const sheets = [serialize(base), serialize(prune(read("layout.css"), classes))];
  for (const [name, sizes] of Object.entries(COMPONENTS)) {
    sheets.push(serialize(prune(read(`html/components/${name}.css`), classes, new Set(sizes))));
  }
  const rest = sheets.join("");
  const tokens = serialize(pruneTokens(prune(read("tokens.css"), classes), rest + readFileSync(OWN_CSS, "utf8")));
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(join(OUT, "fonts"), { recursive: true });
  mkdirSync(join(OUT, "icons"), { recursive: true });
  const header = "/* Gov Design System CE (EUPL 1.2), the parts this portal uses; built by assets/build.mjs */\n";
  writeFileSync(join(OUT, "gov.css"), header + fontFaces() + tokens + rest + "\n");
  for (const style of FONTS) {
    for (const file of [`roboto-${style}.woff2`, `roboto-${style}-ext.woff2`]) {
      copyFileSync(join(GOV, "fonts", "lib", file), join(OUT, "fonts", file));
    }
  }
  for (const [source, target] of Object.entries(ICONS)) {
    // Two decimals are finer than a pixel at the sizes we show them.
    const svg = readFileSync(join(GOV, "icons", "lib", source), "utf8")
      .replace(/(\d+\.\d\d)\d+/g, "$1")
      .replace(/>\s+</g, "><");
    writeFileSync(join(OUT, "icons", target), svg);
  }
  const size = statSync(join(OUT, "gov.css")).size;
  console.log(`${relative(ROOT, OUT)}/gov.css: ${(size / 1000).toFixed(1)} kB`);
}

build();
