// How a YAML file is laid out, read from the file itself, so that what the editor writes into it looks
// like what is already there: the indentation step, whether a list under a key is indented, whether
// `[a, b]` and `{ a: 1 }` have spaces inside their brackets (each collection as the file wrote it; the
// demo centre writes lists without and maps with), which quotes the file uses. Strings that a YAML 1.1
// reader (PyYAML, many editors' tooling) would take for something else — `08:00` for a number of
// minutes, `no` for false, `0777` for an octal number — are written quoted, whatever the file's habit.
import {
  type Document,
  isCollection,
  isMap,
  isScalar,
  isSeq,
  type Node,
  parseDocument,
  Scalar,
  visit,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';

type Quote = typeof Scalar.QUOTE_DOUBLE | typeof Scalar.QUOTE_SINGLE;
type Collection = YAMLMap | YAMLSeq;

export class YamlLayout {
  /** Spaces inside a flow collection's brackets, per collection: read from the file or a neighbour's. */
  private readonly padded = new WeakMap<Collection, boolean>();

  private constructor(
    private readonly indent: number,
    private readonly indentSeq: boolean,
    /** For a new flow collection with no neighbour to follow: what most of the file's do. */
    private readonly paddedMaps: boolean,
    private readonly paddedSeqs: boolean,
    private readonly quote: Quote,
  ) {}

  /** The layout of `text`, `doc` being its parsed document. */
  static read(text: string, doc: Document): YamlLayout {
    const lines = text.split('\n');
    const { indent, indentSeq } = indentation(lines);
    const votes = { map: [0, 0], seq: [0, 0] };
    const found: [Collection, boolean][] = [];
    let doubles = 0;
    let singles = 0;
    visit(doc, {
      Map: (_, node) => void flowPadding(node, text, found, votes.map),
      Seq: (_, node) => void flowPadding(node, text, found, votes.seq),
      Scalar: (_, node) => {
        if (node.type === Scalar.QUOTE_DOUBLE) doubles++;
        if (node.type === Scalar.QUOTE_SINGLE) singles++;
      },
    });
    const majority = ([without, with_]: number[]) => (with_ ?? 0) >= (without ?? 0);
    const layout = new YamlLayout(
      indent,
      indentSeq,
      majority(votes.map),
      // yaml's own default pads lists too; a file that has none says nothing either way.
      votes.seq[0] || votes.seq[1] ? majority(votes.seq) : true,
      singles > doubles ? Scalar.QUOTE_SINGLE : Scalar.QUOTE_DOUBLE,
    );
    for (const [node, padded] of found) layout.padded.set(node, padded);
    return layout;
  }

  /**
   * Makes a new node look like `likes`, the nodes in the same place of its neighbours (nearest first):
   * the same flow or block style and padding, keys in the order they write them, their quotes.
   */
  follow(node: Node, likes: readonly Node[]): void {
    if (isMap(node)) {
      const maps = likes.filter(isMap);
      this.styleLike(node, maps[0]);
      const pairs = node.items;
      node.items = [];
      for (const pair of pairs) node.items.splice(placeOf(node, keyText(pair.key), maps), 0, pair);
      for (const pair of node.items) {
        if (isNode(pair.value)) this.follow(pair.value, maps.map((m): unknown => m.get(pair.key, true)).filter(isNode));
      }
    } else if (isSeq(node)) {
      const seqs = likes.filter(isSeq);
      this.styleLike(node, seqs[0]);
      const items = seqs.flatMap((s) => s.items.filter(isNode).slice(0, 1));
      for (const item of node.items) if (isNode(item)) this.follow(item, items);
    } else if (isScalar(node) && typeof node.value === 'string') {
      const like = likes.find(isScalar);
      if (like?.type === Scalar.QUOTE_DOUBLE || like?.type === Scalar.QUOTE_SINGLE) node.type = like.type;
    }
  }

  private styleLike(node: Collection, like: Collection | undefined): void {
    if (!like) return;
    node.flow = like.flow;
    const padded = this.padded.get(like);
    if (padded !== undefined) this.padded.set(node, padded);
  }

  /** Quotes every plain string in `node` (keys too) that a YAML 1.1 reader would not read back as it. */
  quoteAmbiguous(node: Node): void {
    quoteAmbiguous(node, this.quote);
  }

  /** The document's text as this layout writes it (lines end in \n). */
  render(doc: Document): string {
    visit(doc, {
      Map: (_, node) => void this.pad(node, this.padded.get(node) ?? this.paddedMaps),
      Seq: (_, node) => void this.pad(node, this.padded.get(node) ?? this.paddedSeqs),
    });
    return doc.toString({ lineWidth: 0, indent: this.indent, indentSeq: this.indentSeq });
  }

  /**
   * yaml pads all flow collections or none; the file may do one for lists and the other for maps. The
   * padding is a field of the context each collection is written with, so a collection given its own
   * context writes its brackets as the file does.
   */
  private pad(node: Collection, padded: boolean): void {
    if (!node.flow) return;
    const write = Object.getPrototypeOf(node).toString as Collection['toString'];
    node.toString = (ctx, onComment, onChompKeep) =>
      write.call(node, ctx && { ...ctx, flowCollectionPadding: padded ? ' ' : '' }, onComment, onChompKeep);
  }
}

function isNode(value: unknown): value is Node {
  return isCollection(value) || isScalar(value);
}

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

/** Where a new key goes in `map`: after the keys that the first neighbour writing it writes before it. */
export function placeOf(map: YAMLMap, key: string, likes: readonly YAMLMap[]): number {
  const like = likes.find((m) => m.has(key));
  if (!like) return map.items.length;
  const index = like.items.findIndex((p) => keyText(p.key) === key);
  const earlier = new Set(like.items.slice(0, index).map((p) => keyText(p.key)));
  let at = 0;
  map.items.forEach((p, i) => {
    if (earlier.has(keyText(p.key))) at = i + 1;
  });
  return at;
}

/** Whether a flow collection of the file has spaces inside its brackets (an empty one says nothing). */
function flowPadding(node: Collection, text: string, found: [Collection, boolean][], votes: number[]): void {
  if (!node.flow || !node.range || !node.items.length) return;
  const padded = text[node.range[0] + 1] === ' ';
  found.push([node, padded]);
  votes[padded ? 1 : 0] = (votes[padded ? 1 : 0] ?? 0) + 1;
}

/** The indentation step and whether a block list under a key is indented, from the first ones found. */
function indentation(lines: string[]): { indent: number; indentSeq: boolean } {
  let indent: number | undefined;
  let indentSeq: boolean | undefined;
  const depth = (line: string) => line.length - line.trimStart().length;
  const content = (line: string) => line.trim() !== '' && !line.trimStart().startsWith('#');
  for (let i = 0; i < lines.length && (indent === undefined || indentSeq === undefined); i++) {
    const line = lines[i] ?? '';
    // A key whose value starts on the next line.
    if (!content(line) || !/^\s*[^\s#-][^#]*:\s*(#.*)?$/.test(line)) continue;
    const next = lines.slice(i + 1).find(content);
    if (next === undefined) break;
    const step = depth(next) - depth(line);
    if (next.trimStart().startsWith('- ')) {
      indentSeq ??= step > 0;
      if (step > 0) indent ??= step;
    } else if (step > 0) indent ??= step;
  }
  return { indent: indent ?? 2, indentSeq: indentSeq ?? true };
}

/** Quotes every plain string in `node` (keys too) that a YAML 1.1 reader would not read back as it. */
export function quoteAmbiguous(node: unknown, quote: Quote = Scalar.QUOTE_DOUBLE): void {
  visit(node as Node, {
    Scalar: (_, scalar) => {
      const plain = scalar.type === undefined || scalar.type === Scalar.PLAIN;
      if (plain && typeof scalar.value === 'string' && misreadAsYaml11(scalar.value)) scalar.type = quote;
    },
  });
}

/** Whether a YAML 1.1 reader would read `value`, written plain, as anything but this string. */
export function misreadAsYaml11(value: string): boolean {
  const doc = parseDocument(value, { version: '1.1' });
  return doc.errors.length > 0 || !isScalar(doc.contents) || doc.contents.value !== value;
}
