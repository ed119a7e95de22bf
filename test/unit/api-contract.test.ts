/**
 * The HTTP contract is written once (src-shared/) and both sides are held to it by the compiler:
 * renaming a field or changing a route's answer on either side fails the type check, and the
 * contract itself compiles with neither Node's nor the DOM's types. Each case type-checks the real
 * sources with one file changed in memory, through TypeScript's compiler API.
 */
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Alert, Budget, ModelSpend, Session, Usage } from '../../src-shared/api.js';
import { alertView, budgetView, modelBreakdownView, sessionView, usageView } from '../../src-main/core/api/views.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
type Edit = { file: string; from: RegExp; to: string };

function compilerOptions(tsconfig: string): ts.CompilerOptions {
  const { config } = ts.readConfigFile(join(ROOT, tsconfig), ts.sys.readFile);
  return { ...ts.parseJsonConfigFileContent(config, ts.sys, ROOT).options, noEmit: true };
}

/** Parsed files that no case edits, per configuration: the libraries' declarations are parsed once. */
const parsed = new Map<string, ts.SourceFile | undefined>();

/** Type errors in `files` (and only there: the rest is `npm run typecheck`'s job), with `edits` applied in memory. */
function typeErrors(tsconfig: string, files: string[], edits: Edit[] = [], options = compilerOptions(tsconfig)): string[] {
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, language, onError) => {
    const edit = edits.find((e) => resolve(fileName) === join(ROOT, e.file));
    if (edit) {
      const text = ts.sys.readFile(fileName)!;
      expect(text).toMatch(edit.from);
      return ts.createSourceFile(fileName, text.replace(edit.from, edit.to), language);
    }
    const key = `${tsconfig} ${JSON.stringify(options.lib)} ${fileName}`;
    if (!parsed.has(key)) parsed.set(key, getSourceFile(fileName, language, onError));
    return parsed.get(key);
  };
  const program = ts.createProgram(files.map((file) => join(ROOT, file)), options, host);
  return files
    .map((file) => program.getSourceFile(join(ROOT, file))!)
    .flatMap((source) => [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)])
    .map((d) => `${relative(ROOT, d.file?.fileName ?? '')}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

// The files that serve and show the fields and routes the cases change.
const SERVER_FILES = ['src-main/core/api/views.ts', 'src-main/core/api/budget-routes.ts'];
const RENDERER_FILES = ['src-renderer/api/client.ts', 'src-renderer/components/BudgetCard.tsx'];
const server = (edits: Edit[] = []) => typeErrors('tsconfig.main.json', SERVER_FILES, edits);
const renderer = (edits: Edit[] = []) => typeErrors('tsconfig.renderer.json', RENDERER_FILES, edits);

/** `spent_dollars` of the Budget shape renamed in the shared contract. */
const CONTRACT_RENAME: Edit = { file: 'src-shared/api.ts', from: /(export interface Budget \{[^}]*?)\bspent_dollars\b/, to: '$1spend_dollars' };

describe('the API contract', () => {
  it('types the core’s views by the shared shapes', () => {
    // Checked by `npm run typecheck` (tsconfig.test.json); at run time these are no-ops. The
    // dashboard's side (bundler-resolved imports) is checked through the compiler API below.
    expectTypeOf(budgetView).returns.toEqualTypeOf<Budget>();
    expectTypeOf(usageView).returns.toEqualTypeOf<Usage>();
    expectTypeOf(alertView).returns.toEqualTypeOf<Alert>();
    expectTypeOf(sessionView).returns.toEqualTypeOf<Session>();
    expectTypeOf(modelBreakdownView).returns.toEqualTypeOf<ModelSpend>();
  });

  it('type-checks as it stands where the cases look, on both sides', () => {
    expect(server()).toEqual([]);
    expect(renderer()).toEqual([]);
  }, 120_000);

  it('a field renamed in the contract fails the core’s views and the dashboard that shows it', () => {
    expect(server([CONTRACT_RENAME]).join('\n')).toMatch(/src-main\/core\/api\/views\.ts: .*spent_dollars/);
    expect(renderer([CONTRACT_RENAME]).join('\n')).toMatch(/src-renderer\/components\/BudgetCard\.tsx: Property 'spent_dollars' does not exist/);
  }, 120_000);

  it('a field renamed on the server fails against the contract', () => {
    const rename: Edit = { file: 'src-main/core/api/views.ts', from: /\bspent_dollars: microsToDollars\(spent\)/, to: 'spend_dollars: microsToDollars(spent)' };
    expect(server([rename]).join('\n')).toMatch(/src-main\/core\/api\/views\.ts: .*spend_dollars/);
  }, 120_000);

  it('a route whose answer changes in the contract fails the route that serves it and the client that reads it', () => {
    const reshape: Edit = { file: 'src-shared/routes.ts', from: /'GET \/budgets': \{ response: \{ budgets: Budget\[\] \} \}/, to: "'GET /budgets': { response: { items: Budget[] } }" };
    expect(server([reshape]).join('\n')).toMatch(/src-main\/core\/api\/budget-routes\.ts: /);
    expect(renderer([reshape]).join('\n')).toMatch(/src-renderer\/api\/client\.ts: Property 'budgets' does not exist/);
  }, 120_000);

  it('compiles without Node’s or the DOM’s types', () => {
    const shared = ts.sys.readDirectory(join(ROOT, 'src-shared'), ['.ts']).map((file) => relative(ROOT, file));
    const bare = { ...compilerOptions('tsconfig.main.json'), lib: ['lib.es2023.d.ts'], types: [] };
    expect(typeErrors('tsconfig.main.json', shared, [], bare)).toEqual([]);
    // And it does notice when they creep in.
    const creep: Edit = { file: 'src-shared/routes.ts', from: /^/, to: 'export type Leak = Buffer | HTMLElement;\n' };
    expect(typeErrors('tsconfig.main.json', shared, [creep], bare).join('\n')).toMatch(/Cannot find name 'Buffer'/);
  }, 120_000);
});
