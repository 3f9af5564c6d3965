/**
 * Source scanning for the security gate: lists the project's own source files and parses them
 * with the TypeScript compiler (a real parser, not regular expressions), so checks such as
 * "every `new BrowserWindow` uses the secure webPreferences" hold however the code is formatted.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export const ROOT = join(__dirname, '..', '..');

const SKIP_DIRS = new Set(['node_modules', 'out', 'dist', '.git', '.folio-dev', 'test-results', '.bench-data']);

/** Source files under `dirs` (relative to the repository), tests excluded unless asked. */
export function sourceFiles(dirs: string[], opts: { tests?: boolean; exts?: RegExp } = {}): string[] {
  const exts = opts.exts ?? /\.(ts|tsx|js|cjs|mjs)$/;
  const out: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walk(join(dir, e.name));
      } else if (exts.test(e.name) && (opts.tests || !/\.test\.tsx?$/.test(e.name))) {
        out.push(join(dir, e.name));
      }
    }
  };
  for (const d of dirs) walk(join(ROOT, d));
  return out.sort();
}

export function rel(file: string): string {
  return relative(ROOT, file);
}

export function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

/** Every node of the file, depth first. */
export function* nodes(node: ts.Node): Generator<ts.Node> {
  yield node;
  for (const child of node.getChildren()) yield* nodes(child);
}

/** `new X(...)` expressions whose constructor is named `name` (also `electron.X`). */
export function newExpressions(sf: ts.SourceFile, name: string): ts.NewExpression[] {
  const out: ts.NewExpression[] = [];
  for (const n of nodes(sf)) {
    if (!ts.isNewExpression(n)) continue;
    const e = n.expression;
    if ((ts.isIdentifier(e) && e.text === name) || (ts.isPropertyAccessExpression(e) && e.name.text === name)) out.push(n);
  }
  return out;
}

/** Calls `obj.method(...)` (any receiver) or `method(...)`. */
export function calls(sf: ts.SourceFile, method: string): ts.CallExpression[] {
  const out: ts.CallExpression[] = [];
  for (const n of nodes(sf)) {
    if (!ts.isCallExpression(n)) continue;
    const e = n.expression;
    if ((ts.isIdentifier(e) && e.text === method) || (ts.isPropertyAccessExpression(e) && e.name.text === method)) out.push(n);
  }
  return out;
}

/** The initializer of `const name = …` in the same file, if any. */
export function constInitializer(sf: ts.SourceFile, name: string): ts.Expression | undefined {
  for (const n of nodes(sf)) {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === name && n.initializer) return n.initializer;
  }
  return undefined;
}

/** The nearest enclosing function (or the file) of a node. */
export function enclosingFunction(node: ts.Node): ts.Node {
  let n: ts.Node | undefined = node.parent;
  while (n && !ts.isFunctionLike(n) && !ts.isSourceFile(n)) n = n.parent;
  return n ?? node.getSourceFile();
}

/** `where: line` for messages. */
export function at(node: ts.Node): string {
  const sf = node.getSourceFile();
  return `${rel(sf.fileName)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
}

export function isCallTo(e: ts.Expression | undefined, name: string): e is ts.CallExpression {
  if (!e || !ts.isCallExpression(e)) return false;
  const c = e.expression;
  return (ts.isIdentifier(c) && c.text === name) || (ts.isPropertyAccessExpression(c) && c.name.text === name);
}

export { ts };
