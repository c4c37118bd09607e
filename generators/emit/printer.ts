/**
 * A printer for one generated source file: code is printed as text, while string literals and doc
 * comments go through the target language's Syntax, so escaping lives in one place per language.
 * Imports are collected while printing and rendered once, at the top.
 */
import type { GeneratedFile } from "./generated-file.js";

/** How one language spells the things a printer must escape. */
export interface Syntax {
  /** A string literal holding exactly `value`. */
  string(value: string): string;
  /** A doc comment holding `text` (which may have several lines), each line indented by `indent`. */
  docComment(text: string, indent: string): string;
  /** The file's first line, from the `@generated … DO NOT EDIT` preamble text. */
  preamble(preamble: string): string;
  /** The import block for the collected import specs (sorted, deduplicated); "" when there are none. */
  imports?(specs: readonly string[]): string;
}

/** A value printed through the syntax rather than as code. */
export type Printable = string | number | bigint | boolean | StringLiteral | DocComment | readonly Printable[];

export class StringLiteral {
  constructor(readonly value: string) {}
}

export class DocComment {
  constructor(readonly text: string, readonly indent: string) {}
}

export class FilePrinter {
  private readonly chunks: string[] = [];
  private readonly importSpecs = new Set<string>();

  constructor(
    readonly path: string,
    private readonly syntax: Syntax,
    private readonly preamble: string | undefined,
  ) {}

  /** A string literal for `value`, escaped by the language's rules. */
  string(value: string): StringLiteral {
    return new StringLiteral(value);
  }

  /** A doc comment for `text`; anything that would end the comment early is escaped. */
  doc(text: string, indent = ""): DocComment {
    return new DocComment(text, indent);
  }

  /** Records an import; the syntax renders all of them once, after the preamble. */
  import(spec: string): void {
    this.importSpecs.add(spec);
  }

  /**
   * Prints one line. As a tagged template, interpolated strings are code and `f.string()` / `f.doc()`
   * values are escaped: f.print`const X = ${f.string(text)};`.
   */
  print(strings: TemplateStringsArray | string, ...values: Printable[]): this {
    if (typeof strings === "string") {
      this.chunks.push(strings, "\n");
      return this;
    }
    let line = strings[0]!;
    for (let i = 0; i < values.length; i++) line += this.render(values[i]!) + strings[i + 1]!;
    this.chunks.push(line, "\n");
    return this;
  }

  /** Prints text that already ends in a newline (or is empty), e.g. a runtime source copied verbatim. */
  raw(text: string): this {
    this.chunks.push(text);
    return this;
  }

  private render(value: Printable): string {
    if (value instanceof StringLiteral) return this.syntax.string(value.value);
    if (value instanceof DocComment) return this.syntax.docComment(value.text, value.indent);
    if (Array.isArray(value)) return value.map((v) => this.render(v)).join("");
    return String(value);
  }

  /** The finished file: the preamble line, the imports, then what was printed. */
  toFile(): GeneratedFile {
    const head: string[] = [];
    if (this.preamble !== undefined) head.push(this.syntax.preamble(this.preamble), "\n");
    if (this.importSpecs.size > 0) {
      if (!this.syntax.imports) throw new Error(`${this.path}: imports were printed, but this language's syntax has no import block`);
      const block = this.syntax.imports([...this.importSpecs].sort());
      if (block !== "") head.push(block);
    }
    return { path: this.path, contents: head.join("") + this.chunks.join("") };
  }
}
