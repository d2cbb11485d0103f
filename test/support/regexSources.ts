import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/**
 * Every regular expression in the extension's source, found by parsing the TypeScript: literals
 * (`/.../g`) with their source and flags, and the places that build one at run time
 * (`new RegExp(...)`, `RegExp(...)`), whose patterns the ReDoS test captures while they run.
 */

/** A regular-expression literal in the source. */
export interface RegexLiteral {
  /** Path relative to the repository root, with forward slashes. */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  readonly source: string;
  readonly flags: string;
}

/** A place that constructs a regular expression from a string at run time. */
export interface RegexConstruction {
  readonly file: string;
  readonly line: number;
  /** The constructor call as written. */
  readonly text: string;
}

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(full);
    return entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Literals and constructions in every `.ts` file below the given folders (relative to `root`). */
export function findRegexes(
  root: string,
  folders: readonly string[],
): { literals: RegexLiteral[]; constructions: RegexConstruction[] } {
  const literals: RegexLiteral[] = [];
  const constructions: RegexConstruction[] = [];
  for (const path of folders.flatMap((folder) => typeScriptFiles(join(root, folder))).sort()) {
    const file = relative(root, path).split('\\').join('/');
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true);
    const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(source);
        const slash = text.lastIndexOf('/');
        literals.push({
          file,
          line: lineOf(node),
          source: text.slice(1, slash),
          flags: text.slice(slash + 1),
        });
      } else if (
        (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'RegExp'
      ) {
        constructions.push({ file, line: lineOf(node), text: node.getText(source) });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { literals, constructions };
}
