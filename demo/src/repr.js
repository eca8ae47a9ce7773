// Python-style repr of the values monty-wasm hands back (for the result line
// and the arguments of a pending host call).
import { isTuple, isFrozenSet, MontyRepr, MontyEllipsis } from 'monty-wasm';

function strRepr(s) {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch < ' ' || ch === '\x7f') out += '\\x' + ch.charCodeAt(0).toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + quote;
}

function bytesRepr(bytes) {
  let out = "b'";
  for (const b of bytes) {
    if (b === 0x27 || b === 0x5c) out += '\\' + String.fromCharCode(b);
    else if (b === 0x0a) out += '\\n';
    else if (b === 0x0d) out += '\\r';
    else if (b === 0x09) out += '\\t';
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += '\\x' + b.toString(16).padStart(2, '0');
  }
  return out + "'";
}

export function pyRepr(value) {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'nan';
    if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
    return String(value);
  }
  if (typeof value === 'string') return strRepr(value);
  if (value instanceof Uint8Array) return bytesRepr(value);
  if (Array.isArray(value)) {
    const items = value.map(pyRepr);
    if (isTuple(value)) return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
    return `[${items.join(', ')}]`;
  }
  if (value instanceof Map) {
    return `{${[...value].map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(', ')}}`;
  }
  if (value instanceof MontyRepr) return value.repr;
  if (value instanceof MontyEllipsis) return 'Ellipsis';
  if (value instanceof Set) {
    const items = [...value].map(pyRepr).join(', ');
    if (isFrozenSet(value)) return `frozenset(${items ? `{${items}}` : ''})`;
    return value.size === 0 ? 'set()' : `{${items}}`;
  }
  if (typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${strRepr(k)}: ${pyRepr(v)}`).join(', ')}}`;
  }
  return String(value);
}
