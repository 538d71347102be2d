import type { ApiTable, Row } from '../core/table.js';

/** A route found: the operation's row, and its path parameters, decoded. */
export interface Route {
  readonly row: Row;
  readonly params: Readonly<Record<string, string>>;
}

/**
 * Finds the operation a request is for by the table's methods and path templates, as a
 * server routes it: `{name}` matches one non-empty segment (a `/` inside a value is sent
 * percent-encoded, so it stays in its segment).
 */
export function router(table: ApiTable): (method: string, path: string) => Route | undefined {
  const routes = table.rows.map((row) => {
    const names: string[] = [];
    // Each `{name}` matches within its segment; the rest of the template, as it is.
    const source = row.operation.path.split(/(\{[^{}]+\})/).map((part) => {
      const name = /^\{(.+)\}$/.exec(part)?.[1];
      if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(name);
      return '([^/]+)';
    });
    return { row, names, pattern: new RegExp(`^${source.join('')}$`) };
  });
  return (method, path) => {
    for (const { row, names, pattern } of routes) {
      if (row.operation.method !== method) continue;
      const match = pattern.exec(path);
      if (match) return { row, params: Object.fromEntries(names.map((name, n) => [name, decodeURIComponent(match[n + 1]!)])) };
    }
    return undefined;
  };
}
