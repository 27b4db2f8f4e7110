// DOM helpers. Every piece of data reaches the page through textContent or a DOM property,
// never through innerHTML or an HTML string, so article text, titles and actor names are inert.

/** An element with attributes (set as attributes, never as HTML) and children (nodes or text). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  node.replaceChildren();
}

/** Shows a status line: kind is 'loading', 'empty', 'error' or '' (hidden). */
export function status(node, kind, message = '') {
  node.className = `status ${kind}`;
  node.textContent = message;
  node.hidden = !kind;
}
