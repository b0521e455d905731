/**
 * One workbook package read under one set of limits: its parts are inflated in slices, passed
 * through the text-run guard and streamed through the XML scanner, counting elements and nesting as
 * they go. Relationships resolve part names the way the package says, whatever they are called.
 */
import { WorkbookRefused, type WorkbookLimits } from './limits';
import { XmlDamaged, XmlScanner, type ScanSink } from './scan';
import { TextRunGuard } from './textRuns';
import { InflateBudget, streamEntry, type ZipEntry } from './zip';

/** Local name of an element or attribute: other programs write `x:c` as readily as `c`. */
const local = (name: string) => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

/** Attributes by local name; the parser's own object where none has a prefix (most, in a sheet of millions of cells). */
function localNames(attributes: Record<string, string>): Record<string, string> {
  const names = Object.keys(attributes);
  if (!names.some((name) => name.includes(':'))) return attributes;
  const out: Record<string, string> = {};
  for (const name of names) out[local(name)] = attributes[name];
  return out;
}

export interface Handlers {
  open?: (name: string, attributes: Record<string, string>) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
  /** The elements whose attributes `open` reads; the others get none (a sheet's millions of `<v>` need none). */
  attributes?: ReadonlySet<string>;
  /**
   * Attributes as written, not by local name: a cell's `r`, `s` and `t` are in no namespace, and
   * a sheet of millions of cells need not look for prefixes.
   */
  unprefixed?: boolean;
  /** A cell in Excel's plain form in one call (see `ScanSink.cell`), in place of its open, text and close calls. */
  cell?: ScanSink['cell'];
  /** Asked after each slice: true ends the reading there (the rest of the part is not inflated). */
  done?: () => boolean;
}

export class Package {
  private readonly budget: InflateBudget;
  private elements = 0;
  private guard: TextRunGuard | null = null;

  constructor(
    private readonly bytes: Uint8Array,
    readonly entries: Map<string, ZipEntry>,
    readonly limits: WorkbookLimits,
  ) {
    this.budget = new InflateBudget(limits);
  }

  has(path: string): boolean {
    return this.entries.has(path.toLowerCase());
  }

  /** Text runs the guard has cut in the part being read: a cell whose count changed while it was read lost text. */
  get cuts(): number {
    return this.guard?.cuts ?? 0;
  }

  /** What was inflated: the parts begun (each once) and their bytes, every reading counted. */
  get inflated(): { parts: string[]; bytes: number } {
    return { parts: [...this.budget.parts].map((e) => e.name), bytes: this.budget.total };
  }

  /** Streams a part's XML to the handlers; element names and attribute names without prefix. */
  parse(path: string, handlers: Handlers): void {
    const entry = this.entries.get(path.toLowerCase());
    if (!entry) throw new WorkbookRefused({ reason: 'damaged', detail: path });
    const scanner = new XmlScanner(this.sink(path, handlers));
    const guard = (this.guard = new TextRunGuard(path));
    const decoder = new TextDecoder('utf-8');
    let done = false;
    try {
      streamEntry(this.bytes, entry, this.budget, (chunk) => {
        scanner.write(guard.write(decoder.decode(chunk, { stream: true })));
        done = handlers.done?.() ?? false;
        return !done;
      });
      if (!done) {
        scanner.write(guard.write(decoder.decode()) + guard.end());
        scanner.end();
      }
    } catch (e) {
      if (e instanceof XmlDamaged) throw new WorkbookRefused({ reason: 'damaged', detail: path });
      throw e;
    } finally {
      this.guard = null;
    }
  }

  /** The scanner's events as the handlers take them: local names, elements counted and nesting bounded. */
  private sink(path: string, handlers: Handlers): ScanSink {
    let depth = 0;
    const locals = new Map<string, string>();
    const localOf = (name: string) => {
      let l = locals.get(name);
      if (l !== undefined) return l;
      l = local(name);
      // A part names a few dozen elements; a hostile one is not remembered name by name.
      if (locals.size < 4096) locals.set(name, l);
      return l;
    };
    const { open, close, text, attributes, unprefixed } = handlers;
    return {
      wantsAttributes: (name) => !!open && (!attributes || attributes.has(localOf(name))),
      open: (name, a) => {
        if (++depth > this.limits.depth || ++this.elements > this.limits.elements) throw new WorkbookRefused({ reason: 'tooComplex', detail: path });
        open?.(localOf(name), unprefixed ? a : localNames(a));
      },
      close: (name) => {
        depth--;
        close?.(localOf(name));
      },
      text: (t) => text?.(t),
      cell: handlers.cell && ((ref, style, type, value) => {
        // A cell and its value are two elements, one level below where the cell stands.
        const elements = value === undefined ? 1 : 2;
        this.elements += elements;
        if (depth + elements > this.limits.depth || this.elements > this.limits.elements) throw new WorkbookRefused({ reason: 'tooComplex', detail: path });
        handlers.cell!(ref, style, type, value);
      }),
    };
  }
}

export interface Relationship {
  type: string;
  target: string;
}

/** A part's relationships by id, targets resolved against the part's folder. */
export function relationships(pkg: Package, part: string): Map<string, Relationship> {
  const folder = part.includes('/') ? part.slice(0, part.lastIndexOf('/') + 1) : '';
  const relsPath = `${folder}_rels/${part.slice(folder.length)}.rels`;
  const rels = new Map<string, Relationship>();
  if (!pkg.has(relsPath)) return rels;
  pkg.parse(relsPath, {
    open: (name, a) => {
      if (name !== 'Relationship' || !a.Id || !a.Target || a.TargetMode === 'External') return;
      // Each points at a part: more than the package holds is no package a program wrote.
      if (rels.size >= pkg.limits.entries) throw new WorkbookRefused({ reason: 'tooComplex', detail: relsPath });
      rels.set(a.Id, { type: a.Type ?? '', target: resolve(folder, a.Target) });
    },
  });
  return rels;
}

function resolve(folder: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : folder + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.map((p) => safeDecode(p)).join('/');
}

/** A name's `%20` escapes decoded; a name with a stray `%` is kept as written (it then names no part). */
function safeDecode(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/** Relationship types end alike in transitional and strict packages. */
export const isType = (rel: Relationship, kind: string) => rel.type.endsWith(`/${kind}`);
